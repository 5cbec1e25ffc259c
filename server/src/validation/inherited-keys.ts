import { errors } from '@strapi/utils';

/**
 * Names every object inherits (`valueOf`, `toString`, `constructor`, `__proto__`, …). Yup looks a
 * body's keys up in its schema's fields as plain properties, so `{ "valueOf": "" }` found
 * `Object.prototype.valueOf` there and threw a TypeError (a 500) instead of "Unknown field".
 */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Refuses, with the 400 an unknown field gets, any key of the input (at any depth) that names an
 * inherited property. One pass over the input, which the body parser has already bounded.
 */
export const refuseInheritedKeys = (input: unknown) => {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value: input, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    for (const key of Object.keys(value)) {
      const child = [...path, key];
      if (INHERITED.has(key)) {
        const message = `Unknown field: ${child.join('.')}`;
        throw new errors.ValidationError(message, {
          errors: [{ path: child, message, name: 'ValidationError' }],
        });
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: child });
    }
  }
};
