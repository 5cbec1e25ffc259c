import { bulkBodySchema, validate } from '../../server/src/validation/moderation';
import {
  paginationMeta,
  parsePagination,
  parseSort,
  rejectUnknownQueryKeys,
} from '../../server/src/validation/public-query';

const limits = { defaultLimit: 25, maxLimit: 100 };

describe('parseSort', () => {
  const allowed = ['title', 'originalDate'];

  it.each([
    ['title', [{ title: 'asc' }]],
    ['title:DESC', [{ title: 'desc' }]],
    ['title:asc,originalDate:desc', [{ title: 'asc' }, { originalDate: 'desc' }]],
    [
      ['title', 'originalDate:desc'],
      [{ title: 'asc' }, { originalDate: 'desc' }],
    ],
    [{ originalDate: 'desc' }, [{ originalDate: 'desc' }]],
    [[{ title: 'desc' }], [{ title: 'desc' }]],
    [undefined, []],
  ])('reads %j', (input, expected) => {
    expect(parseSort(input, allowed)).toEqual(expected);
  });

  it.each([
    ['secret'],
    ['title:up'],
    ['title;drop'],
    [{ title: 1 }],
    [42],
    ['comments.authorEmail'],
  ])('refuses %j', (input) => {
    expect(() => parseSort(input, allowed)).toThrow(
      expect.objectContaining({ name: 'ValidationError' })
    );
  });
});

describe('parsePagination', () => {
  it('defaults to the first page of the default size', () => {
    expect(parsePagination({}, limits)).toEqual({ start: 0, limit: 25, isPaged: true });
  });

  it('reads page/pageSize and start/limit, nested or top-level', () => {
    expect(parsePagination({ pagination: { page: '3', pageSize: '10' } }, limits)).toEqual({
      start: 20,
      limit: 10,
      isPaged: true,
    });
    expect(parsePagination({ pagination: { start: '5', limit: '2' } }, limits)).toEqual({
      start: 5,
      limit: 2,
      isPaged: false,
    });
    expect(parsePagination({ start: '4' }, limits)).toEqual({
      start: 4,
      limit: 25,
      isPaged: false,
    });
  });

  it('never answers more than the maximum, -1 included', () => {
    expect(parsePagination({ pagination: { pageSize: '5000' } }, limits).limit).toBe(100);
    expect(parsePagination({ pagination: { limit: '-1' } }, limits).limit).toBe(100);
  });

  it.each([
    [{ pagination: { page: '1', limit: '2' } }],
    [{ pagination: { page: 'two' } }],
    [{ pagination: { page: '0' } }],
    [{ pagination: { pageSize: '0' } }],
    [{ pagination: { start: '-1' } }],
    [{ pagination: { offset: '1' } }],
    [{ pagination: 'all' }],
    [{ pagination: { page: '1.5' } }],
    [{ pagination: { start: '99999999999999999999' } }],
    [{ pagination: { page: '99999999999999999999' } }],
    [{ pagination: { pageSize: '1e3' } }],
    [{ pagination: { limit: ['1', '2'] } }],
    [{ pagination: { page: { $gt: '1' } } }],
    [{ pagination: { start: 2 ** 53 } }],
    [{ pagination: { withCount: 'sometimes' } }],
  ])('refuses %j', (query) => {
    expect(() => parsePagination(query, limits)).toThrow(
      expect.objectContaining({ name: 'ValidationError' })
    );
  });

  it('refuses a page that starts past maxOffset, naming the limit', () => {
    const bounded = { ...limits, maxOffset: 1000 };
    expect(parsePagination({ pagination: { start: '1000' } }, bounded).start).toBe(1000);
    expect(parsePagination({ pagination: { page: '41', pageSize: '25' } }, bounded).start).toBe(
      1000
    );
    for (const query of [
      { pagination: { start: '1001' } },
      { pagination: { page: '42', pageSize: '25' } },
      { pagination: { page: '9007199254740991' } },
    ]) {
      expect(() => parsePagination(query, bounded)).toThrow(
        expect.objectContaining({
          name: 'ValidationError',
          message: expect.stringContaining('maxOffset'),
          details: expect.objectContaining({ source: 'query', limit: 'maxOffset', max: 1000 }),
        })
      );
    }
  });
});

describe('paginationMeta', () => {
  it('answers in the style the request used', () => {
    expect(paginationMeta({ start: 20, limit: 10, isPaged: true }, 45)).toEqual({
      page: 3,
      pageSize: 10,
      pageCount: 5,
      total: 45,
    });
    expect(paginationMeta({ start: 5, limit: 2, isPaged: false }, 45)).toEqual({
      start: 5,
      limit: 2,
      total: 45,
    });
  });
});

describe('rejectUnknownQueryKeys', () => {
  it('names the first unknown key', () => {
    expect(() => rejectUnknownQueryKeys({ sort: 'a', populate: '*' }, ['sort'])).toThrow(
      'Invalid query parameter "populate"'
    );
    expect(() => rejectUnknownQueryKeys({ sort: 'a' }, ['sort'])).not.toThrow();
  });
});

describe('admin bodies with inherited property names', () => {
  // Yup read `valueOf` as one of its schema's fields and threw a TypeError: a 500.
  it.each(['valueOf', 'toString', 'constructor', 'hasOwnProperty', '__proto__'])(
    'refuses a key named %s with a ValidationError, at any depth',
    async (key) => {
      const top = JSON.parse(`{"${key}": ""}`);
      const nested = JSON.parse(`{"documentIds": ["a"], "status": "spam", "x": [{"${key}": 1}]}`);
      for (const body of [top, nested]) {
        await expect(validate(bulkBodySchema, body)).rejects.toMatchObject({
          name: 'ValidationError',
          message: expect.stringContaining(key),
        });
      }
    }
  );
});
