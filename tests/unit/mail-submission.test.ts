import { requestedKinds } from '../../server/src/mail/subscriptions';
import { retryDelayMs } from '../../server/src/mail/sender';
import { parseSubmission } from '../../server/src/validation/comment-submission';

const base = { authorName: 'A', authorEmail: 'a@example.com', content: 'Hi' };

describe('data.notify on a submission', () => {
  it('takes the three kinds as booleans, apart from the comment’s fields', () => {
    const parsed = parseSubmission(
      { data: { ...base, notify: { replies: true, newComments: false, published: true } } },
      'homepage'
    );
    expect(parsed.data).toEqual(base);
    expect(requestedKinds(parsed.notify)).toEqual(['replies', 'published']);
    expect(requestedKinds(parseSubmission({ data: base }, 'homepage').notify)).toEqual([]);
  });

  it.each([
    [{ replies: 'true' }, 'notify.replies must be true or false'],
    [{ all: true }, 'Unknown field "all"'],
    // As JSON.parse reads a body: `__proto__` is an own key there.
    [JSON.parse('{"__proto__": {"replies": true}}'), 'Unknown field "__proto__"'],
    [['replies'], 'notify must be an object'],
    ['replies', 'notify must be an object'],
  ])('refuses %p', (notify, message) => {
    expect(() => parseSubmission({ data: { ...base, notify } }, 'homepage')).toThrow(message);
  });
});

describe('the outbox’s retry backoff', () => {
  it('doubles from the configured first wait', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, 60))).toEqual([
      60_000, 120_000, 240_000, 480_000,
    ]);
  });
});
