import { errors } from '@strapi/utils';

import { checkJsonInput, MAX_JSON_DEPTH } from '../../server/src/validation/json-input';

/** A value nested `depth` levels deep: arrays, or objects keyed `a`. */
const nested = (depth: number, kind: 'array' | 'object') => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = kind === 'array' ? [value] : { a: value };
  return value;
};

describe('checkJsonInput: how deep a body may nest', () => {
  it('takes a body nested up to the limit', () => {
    for (const kind of ['array', 'object'] as const) {
      expect(() => checkJsonInput(nested(MAX_JSON_DEPTH, kind))).not.toThrow();
    }
  });

  it('refuses deeper with a 400 that names a short path, thousands deep included', () => {
    for (const depth of [MAX_JSON_DEPTH + 1, 5000, 100_000]) {
      for (const kind of ['array', 'object'] as const) {
        let thrown: unknown;
        try {
          checkJsonInput({ data: nested(depth, kind) });
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(errors.ValidationError);
        const { message, details } = thrown as errors.ValidationError;
        expect(message).toBe(`The body is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`);
        // What the answer says stays small: a few keys of the path, not the value.
        expect(JSON.stringify(details).length).toBeLessThan(300);
      }
    }
  });
});
