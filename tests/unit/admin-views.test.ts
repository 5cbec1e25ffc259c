import { createIntl } from 'react-intl';

import { SETTING_BOUNDS } from '../../contracts/moderation';
import en from '../../admin/src/translations/en.json';
import fr from '../../admin/src/translations/fr.json';
import { confirmMessage, progressMessage, resultMessage } from '../../admin/src/utils/import-text';
import { moderationPath } from '../../admin/src/utils/moderation-link';
import {
  serverProblems,
  toFormValues,
  toSettings,
  validateSettings,
  type FieldProblem,
  type SettingsFormValues,
} from '../../admin/src/utils/settings-form';
import { DEFAULT_MODERATION_SETTINGS, settingsSchema } from '../../server/src/moderation/settings';

/** The admin's text in one language, as react-intl renders it in the browser. */
const say = (messages: Record<string, string>, locale: string) => {
  const intl = createIntl({
    locale,
    messages,
    onError: (error) => {
      throw error;
    },
  });
  return (id: string, values?: Record<string, string | number>) =>
    intl.formatMessage({ id }, values);
};
const english = say(en, 'en');
const french = say(fr, 'fr');

const defaults = () => toFormValues(DEFAULT_MODERATION_SETTINGS);
const withValue = (field: keyof SettingsFormValues, value: string) => ({
  ...defaults(),
  [field]: value,
});
/** A field's problem as the form shows it: a sentence with the field's label. */
const shown = (
  t: ReturnType<typeof say>,
  field: keyof SettingsFormValues,
  problem: FieldProblem | undefined
) => (problem ? t(problem.id, { ...problem.values, label: t(`settings.${field}`) }) : null);

describe('the settings form checks values before sending them', () => {
  it('accepts the defaults as they are', () => {
    expect(validateSettings(defaults())).toEqual({});
  });

  it('refuses -3 as the deepest reply level, in a sentence naming the field as labelled', () => {
    const problems = validateSettings(withValue('maxDepth', '-3'));
    expect(Object.keys(problems)).toEqual(['maxDepth']);
    expect(shown(english, 'maxDepth', problems.maxDepth)).toBe(
      '“Deepest reply level” must be from 1 to 100.'
    );
    expect(shown(french, 'maxDepth', problems.maxDepth)).toBe(
      '« Niveau de réponse le plus profond » doit être compris entre 1 et 100.'
    );
  });

  it('says what a number field wants when it holds text, a fraction or nothing', () => {
    expect(
      shown(english, 'maxLinks', validateSettings(withValue('maxLinks', 'two')).maxLinks)
    ).toBe('“Hold comments with this many links” must be a whole number from 0 to 100.');
    expect(validateSettings(withValue('maxLinks', '2.5')).maxLinks?.id).toBe(
      'settings.error.wholeNumber'
    );
    expect(
      shown(english, 'maxLength', validateSettings(withValue('maxLength', ' ')).maxLength)
    ).toBe('“Longest comment (characters)” needs a value.');
    // Formatted as the language writes numbers.
    expect(
      shown(english, 'maxLength', validateSettings(withValue('maxLength', '0')).maxLength)
    ).toBe('“Longest comment (characters)” must be from 1 to 100,000.');
  });

  it('refuses exactly what the server refuses, at each bound of each number', async () => {
    for (const [field, { min, max }] of Object.entries(SETTING_BOUNDS)) {
      for (const value of [min - 1, min, max, max + 1, 10 ** 20]) {
        const values = withValue(field as keyof SettingsFormValues, String(value));
        const formRefuses = field in validateSettings(values);
        const serverRefuses = await settingsSchema.validate(toSettings(values)).then(
          () => false,
          () => true
        );
        expect({ field, value, formRefuses }).toEqual({ field, value, formRefuses: serverRefuses });
      }
    }
  });

  it('checks the honeypot name and the word lists with the server’s rules', () => {
    expect(validateSettings(withValue('honeypotField', 'content')).honeypotField?.id).toBe(
      'settings.error.honeypotField.reserved'
    );
    expect(validateSettings(withValue('honeypotField', 'toString')).honeypotField?.id).toBe(
      'settings.error.honeypotField.reserved'
    );
    expect(validateSettings(withValue('honeypotField', '1st field')).honeypotField?.id).toBe(
      'settings.error.honeypotField.pattern'
    );
    const long = validateSettings(withValue('disallowedWords', `casino\n${'x'.repeat(201)}`));
    expect(shown(english, 'disallowedWords', long.disallowedWords)).toBe(
      `Each line of “Disallowed words” is at most 200 characters; “${'x'.repeat(30)}…” is longer.`
    );
    const many = Array.from({ length: 10_001 }, (_, i) => `w${i}`).join('\n');
    expect(validateSettings(withValue('moderationWords', many)).moderationWords?.id).toBe(
      'settings.error.words.tooMany'
    );
  });

  it('shows the server’s refusal on its field without the server’s internal key', () => {
    const values = withValue('maxDepth', '0');
    const problems = serverProblems(
      [
        { path: ['maxDepth'], message: 'maxDepth must be at least 1' },
        { path: ['disallowedWords[3]'], message: 'disallowedWords entries must be strings' },
        { path: [], message: 'general' },
      ],
      values
    );
    expect(Object.keys(problems).sort()).toEqual(['disallowedWords', 'maxDepth']);
    expect(shown(english, 'maxDepth', problems.maxDepth)).toBe(
      '“Deepest reply level” must be from 1 to 100.'
    );
    expect(shown(english, 'disallowedWords', problems.disallowedWords)).toBe(
      'The server refused “Disallowed words”: check its value.'
    );
    expect(serverProblems(undefined, values)).toEqual({});
  });

  it('words the “never” approval choice as publishing, not as comments off', () => {
    expect(english('settings.requireApproval.never')).toBe(
      'None: publish at once when every rule passes'
    );
    expect(english('settings.requireApproval.never')).not.toMatch(/no comment/i);
  });
});

describe('the Import view’s text', () => {
  const job = (
    progress: Partial<{
      phase: 'checking' | 'importing';
      posts: number;
      comments: number;
      totalPosts: number;
      totalComments: number;
    }>,
    mode: 'dry-run' | 'import' = 'import'
  ) => ({
    mode,
    progress: {
      phase: 'checking' as const,
      posts: 0,
      comments: 0,
      totalPosts: 0,
      totalComments: 0,
      ...progress,
    },
  });
  const text = (message: { id: string; values: Record<string, string | number> }) =>
    english(message.id, message.values);

  it('reads the file before it counts anything, then says what it found', () => {
    expect(text(progressMessage(job({})))).toBe('Reading the file…');
    expect(text(progressMessage(job({ totalPosts: 12, totalComments: 1 })))).toBe(
      'Reading the file: 12 posts and 1 comment found so far'
    );
    expect(
      text(
        progressMessage(
          job({ phase: 'importing', posts: 3, totalPosts: 12, comments: 4, totalComments: 40 })
        )
      )
    ).toBe('Importing: 3 of 12 posts, 4 of 40 comments');
  });

  it('offers an update, not an import of new content, for a file imported already', () => {
    const tally = (created: number, updated: number) => ({ created, updated, skipped: [] });
    expect(text(confirmMessage({ posts: tally(0, 58), comments: tally(0, 24) }))).toBe(
      'Update 58 posts and 24 comments already imported (nothing new)'
    );
    expect(text(confirmMessage({ posts: tally(3, 0), comments: tally(6, 0) }))).toBe(
      'Import 3 new posts and 6 new comments'
    );
    expect(text(confirmMessage({ posts: tally(1, 57), comments: tally(2, 22) }))).toBe(
      'Import 1 new post and 2 new comments, update 57 posts and 22 comments'
    );
    expect(
      french(
        'import.confirm.update',
        confirmMessage({ posts: tally(0, 1), comments: tally(0, 2) }).values
      )
    ).toBe('Mettre à jour 1 article et 2 commentaires déjà importés (rien de nouveau)');
  });

  it('sums up a past run as created and updated', () => {
    const tally = (created: number, updated: number) => ({ created, updated, skipped: [] });
    expect(text(resultMessage({ dryRun: false, posts: tally(3, 1), comments: tally(6, 0) }))).toBe(
      'Created 3 posts and 6 comments, updated 1 and 0'
    );
    expect(text(resultMessage({ dryRun: true, posts: tally(0, 58), comments: tally(0, 24) }))).toBe(
      'Would create 0 posts and 0 comments, update 58 and 24'
    );
  });
});

describe('the side panels’ way to the Moderation view', () => {
  it('opens it filtered by post, comment and status', () => {
    expect(moderationPath()).toBe('/plugins/blog/moderation');
    expect(moderationPath({ post: 'abc', status: 'spam' })).toBe(
      '/plugins/blog/moderation?status=spam&post=abc'
    );
    expect(moderationPath({ comment: 'x y' })).toBe('/plugins/blog/moderation?comment=x+y');
  });
});

describe('the admin’s translations', () => {
  it('has every English text in French, with the same placeholders', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    const names = (text: string) => [...text.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect({ key, names: [...new Set(names(fr[key]))] }).toEqual({
        key,
        names: [...new Set(names(en[key]))],
      });
    }
  });
});
