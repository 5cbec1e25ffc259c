import { createIntl } from 'react-intl';

import { SETTING_BOUNDS } from '../../contracts/moderation';
import en from '../../admin/src/translations/en.json';
import fr from '../../admin/src/translations/fr.json';
import {
  confirmMessage,
  progressMessage,
  resultParts,
  resultSentence,
} from '../../admin/src/utils/import-text';
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

  const tally = (created: number, updated: number, unchanged = 0) => ({
    created,
    updated,
    unchanged,
    skipped: [],
  });

  it('offers no import for a file whose posts and comments are all up to date', () => {
    const all = confirmMessage({ posts: tally(0, 0, 58), comments: tally(0, 0, 24) });
    expect(all.nothingToDo).toBe(true);
    expect(text(all)).toBe('Nothing to import: 58 posts and 24 comments are already up to date');
    expect(french(all.id, all.values)).toBe(
      'Rien à importer : 58 articles et 24 commentaires sont déjà à jour'
    );
    expect(text(confirmMessage({ posts: tally(0, 0, 1), comments: tally(0, 0, 0) }))).toBe(
      'Nothing to import: 1 post is already up to date'
    );
  });

  it('offers an update, not an import of new content, naming only what changed', () => {
    const update = confirmMessage({ posts: tally(0, 3, 55), comments: tally(0, 0, 24) });
    expect(update.nothingToDo).toBe(false);
    expect(text(update)).toBe('Update 3 posts already imported (nothing new)');
    expect(text(confirmMessage({ posts: tally(0, 58), comments: tally(0, 24) }))).toBe(
      'Update 58 posts and 24 comments already imported (nothing new)'
    );
    expect(text(confirmMessage({ posts: tally(3, 0), comments: tally(6, 0) }))).toBe(
      'Import 3 new posts and 6 new comments'
    );
    expect(text(confirmMessage({ posts: tally(1, 0, 57), comments: tally(0, 1, 22) }))).toBe(
      'Import 1 new post, update 1 comment'
    );
    const fr1 = confirmMessage({ posts: tally(0, 1), comments: tally(0, 2) });
    expect(french(fr1.id, fr1.values)).toBe(
      'Mettre à jour 1 article et 2 commentaires déjà importés (rien de nouveau)'
    );
    const fr2 = confirmMessage({ posts: tally(0, 1), comments: tally(0, 0) });
    expect(french(fr2.id, fr2.values)).toBe(
      'Mettre à jour 1 article déjà importé (rien de nouveau)'
    );
  });

  it('sums up a past run as a sentence that leaves out what did not happen', () => {
    const sentence = (
      say: (id: string, values: Record<string, string | number>) => string,
      report: Parameters<typeof resultParts>[0],
      locale: string
    ) =>
      resultSentence(
        resultParts(report).map((m) => say(m.id, m.values)),
        locale
      );
    const run = (
      dryRun: boolean,
      posts: ReturnType<typeof tally>,
      comments: ReturnType<typeof tally>
    ) => ({
      dryRun,
      posts,
      comments,
    });
    expect(sentence(english, run(false, tally(2, 0), tally(3, 0)), 'en')).toBe(
      'Created 2 posts and 3 comments'
    );
    expect(sentence(english, run(false, tally(0, 1, 57), tally(0, 0, 24)), 'en')).toBe(
      'Updated 1 post, 57 posts and 24 comments already up to date'
    );
    expect(sentence(english, run(false, tally(0, 0, 58), tally(0, 0, 24)), 'en')).toBe(
      'Nothing changed, 58 posts and 24 comments already up to date'
    );
    expect(sentence(english, run(true, tally(1, 0), tally(0, 1)), 'en')).toBe(
      'Would create 1 post, would update 1 comment'
    );
    expect(sentence(english, run(true, tally(0, 0), tally(0, 0)), 'en')).toBe('Nothing to import');
    expect(sentence(french, run(false, tally(1, 0), tally(2, 0)), 'fr')).toBe(
      '1 article et 2 commentaires créés'
    );
    expect(sentence(french, run(false, tally(0, 1, 0), tally(0, 0, 1)), 'fr')).toBe(
      '1 article mis à jour, 1 commentaire déjà à jour'
    );
    expect(sentence(french, run(true, tally(0, 0, 2), tally(0, 0, 0)), 'fr')).toBe(
      'Rien à importer, 2 articles déjà à jour'
    );
    // Reports from before `unchanged` was counted read as before, without it.
    const old = {
      dryRun: false,
      posts: { created: 0, updated: 2, skipped: [] },
      comments: { created: 0, updated: 0, skipped: [] },
    };
    expect(sentence(english, old, 'en')).toBe('Updated 2 posts');
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
