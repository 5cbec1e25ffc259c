import { createReadingTimes } from '../../server/src/utils/serialize-reading-time';

const body = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

describe('reading times kept per published row', () => {
  it('answers a row version what it counted the first time, and counts a new version', () => {
    const times = createReadingTimes();
    expect(times('7:2026-01-01T00:00:00.000Z', body('one two three') as never, [])).toEqual({
      wordCount: 3,
      readingMinutes: 1,
    });
    // The same row and version: what was counted (the body is not read again).
    expect(times('7:2026-01-01T00:00:00.000Z', body('one') as never, []).wordCount).toBe(3);
    // An edit moves updatedAt: a new key, counted again, lessons included.
    expect(
      times('7:2026-01-02T00:00:00.000Z', body('one') as never, [{ text: 'four five' }]).wordCount
    ).toBe(3);
    expect(times('8:2026-01-01T00:00:00.000Z', body('one') as never, []).wordCount).toBe(1);
  });

  it('keeps at most its size, the oldest going first', () => {
    const times = createReadingTimes(2);
    times('a', body('one') as never, []);
    times('b', body('one two') as never, []);
    times('c', body('one two three') as never, []);
    // `a` went: counted again from what it is given now; `c` is still kept.
    expect(times('a', body('one two three four') as never, []).wordCount).toBe(4);
    expect(times('c', body('x') as never, []).wordCount).toBe(3);
  });
});
