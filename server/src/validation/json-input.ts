import { errors } from '@strapi/utils';

/**
 * Names every object inherits (`valueOf`, `toString`, `constructor`, `__proto__`, …). Yup looks a
 * body's keys up in its schema's fields as plain properties, so `{ "valueOf": "" }` found
 * `Object.prototype.valueOf` there and threw a TypeError (a 500) instead of "Unknown field".
 */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

const refuse = (path: string[], message: string) =>
  new errors.ValidationError(message, {
    errors: [{ path, message, name: 'ValidationError' }],
  });

/** A NUL character: PostgreSQL refuses it in any text, so it must never reach a query. */
export const hasNul = (value: string) => value.includes('\u0000');

/**
 * The deepest nesting a body may have: real inputs need a few levels. A refusal
 * names the value it refuses (Strapi's `details.errors[].value`), and a value nested thousands
 * deep overflowed the stack when Koa wrote that answer as JSON (a 500).
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Refuses, with a 400, what a JSON body may hold but no field of the plugin takes: nesting past
 * MAX_JSON_DEPTH; a key (at any depth) that names an inherited property, answered as an unknown
 * field; and a NUL character in any text. One pass over the input, which the body parser has
 * already bounded.
 */
export const checkJsonInput = (input: unknown) => {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value: input, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (path.length > MAX_JSON_DEPTH) {
      throw refuse(
        path.slice(0, 3),
        `The body is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`
      );
    }
    if (typeof value === 'string') {
      if (hasNul(value))
        throw refuse(path, `${path.join('.') || 'The body'} holds a NUL character`);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    for (const key of Object.keys(value)) {
      const child = [...path, key];
      if (INHERITED.has(key) || hasNul(key)) {
        throw refuse(child, `Unknown field: ${child.join('.')}`);
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: child });
    }
  }
};
