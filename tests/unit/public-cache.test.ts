import { ByteBudgetLru } from '../../server/src/cache/lru';
import { cacheableRoute } from '../../server/src/cache/cacheable-routes';
import { tagsOfModel } from '../../server/src/cache/model-tags';

describe('the public cache’s memory: a least-recently-used map bounded by bytes', () => {
  const KEY_COST = (key: string) => key.length * 2 + 256;

  it('drops the least recently read answers first once the budget is spent', () => {
    const lru = new ByteBudgetLru<string>(3 * (1000 + KEY_COST('a')), 1000);
    lru.set('a', 'A', 1000);
    lru.set('b', 'B', 1000);
    lru.set('c', 'C', 1000);
    expect(lru.get('a')).toBe('A'); // now the most recent
    lru.set('d', 'D', 1000);
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c'), lru.get('d')]).toEqual(['A', 'C', 'D']);
    expect(lru.bytes).toBeLessThanOrEqual(3 * (1000 + KEY_COST('a')));
  });

  it('keeps no answer larger than its share, and counts a replaced answer once', () => {
    const lru = new ByteBudgetLru<string>(10_000, 2_500);
    expect(lru.set('big', 'X', 2_501)).toBe(false);
    expect(lru.get('big')).toBeUndefined();
    lru.set('k', 'one', 100);
    lru.set('k', 'two', 200);
    expect(lru.size).toBe(1);
    expect(lru.bytes).toBe(200 + KEY_COST('k'));
    lru.clear();
    expect([lru.size, lru.bytes]).toEqual([0, 0]);
  });

  it('never holds more than the budget, whatever is written into it', () => {
    const lru = new ByteBudgetLru<number>(50_000, 12_500);
    for (let i = 0; i < 5_000; i += 1) {
      lru.set(`key-${i % 700}`, i, (i * 7919) % 13_000);
      expect(lru.bytes).toBeLessThanOrEqual(50_000);
    }
  });
});

describe('which requests the public cache may answer', () => {
  it.each([
    ['/posts', 'plugin::blog.post.find'],
    ['/posts/networking-biggest-mistake', 'plugin::blog.post.findOne'],
    ['/posts/feed.xml', 'plugin::blog.post.findOne'],
    ['/posts/a/comments', 'plugin::blog.comment.find'],
    ['/posts/a/comments/feed.xml', 'plugin::blog.feed.comments'],
    ['/feed.xml', 'plugin::blog.feed.posts'],
    ['/sitemap.xml', 'plugin::blog.sitemap.index'],
    ['/authors/someone', 'plugin::blog.author.findOne'],
  ])('%s is %s', (path, action) => {
    expect(cacheableRoute(path)?.action).toBe(action);
  });

  it.each([
    '/posts/a/comment-form',
    '/preview/posts/abc',
    '/subscriptions/confirm',
    '/moderation-links',
    '/comments/abc',
    '/posts/',
    '/posts//comments',
    '//posts',
    '/posts/a/comments/feed.xml/more',
    '',
    '/',
  ])('%s is never answered from the cache', (path) => {
    expect(cacheableRoute(path)).toBeUndefined();
  });

  it('invalidates on any write but to the plugin’s private tables and admin accounts', () => {
    expect(tagsOfModel('plugin::blog.comment')).toEqual(['comments']);
    expect(tagsOfModel('plugin::blog.moderation-event')).toEqual(['comments']);
    expect(tagsOfModel('plugin::users-permissions.permission')).toEqual(['permissions']);
    expect(tagsOfModel('plugin::blog.post')).toEqual(['content']);
    expect(tagsOfModel('plugin::upload.file')).toEqual(['content']);
    expect(tagsOfModel('strapi::core-store')).toEqual(['content']);
    expect(tagsOfModel('api::something.unknown')).toEqual(['content']);
    expect(tagsOfModel('plugin::blog.flood-mark')).toEqual([]);
    expect(tagsOfModel('admin::user')).toEqual([]);
  });
});
