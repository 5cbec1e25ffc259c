import { moderationPath } from '../../admin/src/utils/moderation-link';
import {
  DEFAULT_MODERATION_QUERY,
  readModerationQuery,
  writeModerationQuery,
  type ModerationQuery,
} from '../../admin/src/utils/moderation-query';

const read = (search: string) => readModerationQuery(new URLSearchParams(search));
const POST = 'k3n2x9q8w7e6r5t4y3u2i1o0';

describe('the Moderation view’s address', () => {
  it('opens on the pending tab, all posts, page 1 when the address says nothing', () => {
    expect(read('')).toEqual({
      status: 'pending',
      post: null,
      comment: null,
      q: '',
      page: 1,
    });
    expect(writeModerationQuery(DEFAULT_MODERATION_QUERY).toString()).toBe('');
  });

  it('opens on what a side panel’s link asks for', () => {
    const [, search] = moderationPath({ post: POST, status: 'spam' }).split('?');
    expect(read(search)).toEqual({ ...DEFAULT_MODERATION_QUERY, status: 'spam', post: POST });
    const [, single] = moderationPath({ comment: 'abc123', status: 'approved' }).split('?');
    expect(read(single)).toEqual({
      ...DEFAULT_MODERATION_QUERY,
      status: 'approved',
      comment: 'abc123',
    });
  });

  it('reads back every state it writes', () => {
    const states: ModerationQuery[] = [
      DEFAULT_MODERATION_QUERY,
      { status: 'rejected', post: POST, comment: null, q: 'casino & co', page: 3 },
      { status: 'pending', post: null, comment: 'c1', q: '', page: 1 },
      { status: 'approved', post: POST, comment: 'c1', q: 'été = summer?', page: 100_000 },
    ];
    for (const state of states) {
      const search = writeModerationQuery(state).toString();
      expect(read(search)).toEqual(state);
    }
    expect(writeModerationQuery(states[1]).toString()).toBe(
      `status=rejected&post=${POST}&q=casino+%26+co&page=3`
    );
  });

  it('leaves out what it cannot use and keeps the rest', () => {
    expect(read('status=deleted&post=1%3D1%20OR&page=2')).toEqual({
      ...DEFAULT_MODERATION_QUERY,
      page: 2,
    });
    for (const status of ['', 'PENDING', 'constructor', '__proto__', 'spam ', 'approved,spam']) {
      expect(read(`status=${encodeURIComponent(status)}`).status).toBe('pending');
    }
    for (const id of ['', 'a b', '../x', 'x'.repeat(65), '<script>', 'é', '$ne']) {
      expect(read(`post=${encodeURIComponent(id)}&comment=${encodeURIComponent(id)}`)).toEqual(
        DEFAULT_MODERATION_QUERY
      );
    }
    for (const page of ['0', '-1', '1.5', '1e3', 'two', '100001', '9'.repeat(400), ' 2']) {
      expect(read(`page=${encodeURIComponent(page)}`).page).toBe(1);
    }
    // The first of repeated keys, as the server would refuse a list.
    expect(read('status=spam&status=approved').status).toBe('spam');
    // The Trash tab has its own address.
    expect(read('status=trash')).toEqual({ ...DEFAULT_MODERATION_QUERY, status: 'trash' });
    // Unknown keys are ignored, a search is trimmed and cut to the server's 200 characters.
    expect(read('foo=bar&q=%20%20ann%20%20')).toEqual({ ...DEFAULT_MODERATION_QUERY, q: 'ann' });
    expect(read(`q=${'a'.repeat(10_000)}`).q).toHaveLength(200);
  });
});
