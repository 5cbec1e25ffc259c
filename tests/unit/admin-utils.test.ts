import { DEFAULT_MODERATION_SETTINGS } from '../../server/src/moderation/settings';
import { excerpt, formatBytes, postEditPath } from '../../admin/src/utils/format';
import { actionsFor, bulkActions, STATUS_TABS } from '../../admin/src/utils/moderation-actions';
import { fieldErrors, toFormValues, toSettings } from '../../admin/src/utils/settings-form';

describe('moderation actions offered in the admin', () => {
  it('offers every other status, then delete, to a moderator', () => {
    expect(actionsFor('pending', true)).toEqual(['approved', 'spam', 'rejected', 'delete']);
    expect(actionsFor('approved', true)).toEqual(['pending', 'spam', 'rejected', 'delete']);
  });

  it('offers nothing to an editor without the moderate action', () => {
    expect(actionsFor('pending', false)).toEqual([]);
    expect(bulkActions('pending', false)).toEqual([]);
  });

  it('puts held comments first', () => {
    expect(STATUS_TABS[0]).toBe('pending');
  });
});

describe('the settings form', () => {
  it('round-trips the settings through the form values', () => {
    const settings = {
      ...DEFAULT_MODERATION_SETTINGS,
      disallowedWords: ['casino', 'free money'],
      moderationWords: ['refund'],
    };
    const values = toFormValues(settings);
    expect(values.disallowedWords).toBe('casino\nfree money');
    expect(values.maxDepth).toBe('5');
    expect(toSettings(values)).toEqual(settings);
  });

  it('trims word lists, drops blank lines and repeats', () => {
    const values = {
      ...toFormValues(DEFAULT_MODERATION_SETTINGS),
      disallowedWords: ' a \n\n b\na\n',
    };
    expect(toSettings(values).disallowedWords).toEqual(['a', 'b']);
  });

  it('sends what is not a number as typed, for the server to name', () => {
    const values = {
      ...toFormValues(DEFAULT_MODERATION_SETTINGS),
      maxLinks: 'two',
      maxDepth: ' 3 ',
    };
    const settings = toSettings(values);
    expect(settings.maxLinks).toBe('two');
    expect(settings.maxDepth).toBe(3);
  });

  it('maps the server’s field errors to fields, first message first', () => {
    expect(
      fieldErrors([
        { path: ['maxDepth'], message: 'maxDepth must be at least 1' },
        { path: ['maxDepth'], message: 'second message' },
        { path: [], message: 'general' },
      ])
    ).toEqual({ maxDepth: 'maxDepth must be at least 1' });
    expect(fieldErrors(undefined)).toEqual({});
  });
});

describe('formatting', () => {
  it('shows a comment on one line, cut with an ellipsis', () => {
    expect(excerpt('a\n\nb   c')).toBe('a b c');
    expect(excerpt('x'.repeat(10), 5)).toBe('xxxx…');
  });

  it('links a post to its Content Manager edit view', () => {
    expect(postEditPath('abc')).toBe('/content-manager/collection-types/plugin::blog.post/abc');
  });

  it('shows a file size as people read it', () => {
    expect(formatBytes(840)).toBe('840 B');
    expect(formatBytes(12_400)).toBe('12 kB');
    expect(formatBytes(3_450)).toBe('3.5 kB');
    expect(formatBytes(25_300_000)).toBe('25 MB');
    expect(formatBytes(2_000_000_000_000)).toBe('2000 GB');
  });
});
