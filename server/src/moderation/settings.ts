import { yup } from '@strapi/utils';

import {
  HONEYPOT_FIELD_PATTERN,
  RESERVED_HONEYPOT_NAMES,
  SETTING_BOUNDS,
  WORD_LIST_LIMITS,
  type ModerationSettings,
  type NumericSetting,
} from '../../../contracts/moderation';

export type { ModerationSettings };

export const REQUIRE_APPROVAL = ['first-time', 'always', 'never'] as const;

export const DEFAULT_MODERATION_SETTINGS: ModerationSettings = {
  closeAfterDays: 0,
  maxDepth: 5,
  maxLength: 10000,
  floodIntervalSeconds: 15,
  honeypotField: 'homepage',
  minSubmitSeconds: 0,
  disallowedWords: [],
  maxLinks: 2,
  moderationWords: [],
  requireApproval: 'first-time',
  trashDays: 30,
  editWindowMinutes: 10,
  reportsToHold: 3,
};

export const SETTING_KEYS = Object.keys(DEFAULT_MODERATION_SETTINGS) as Array<
  keyof ModerationSettings
>;

/** Names the honeypot may not take: they are the submission's own fields. */
const RESERVED_FIELD_NAMES: string[] = [...RESERVED_HONEYPOT_NAMES];

/**
 * Names every object has (`toString`, `valueOf`, `hasOwnProperty`…): a body is read by own
 * properties only, but a honeypot of such a name is a trap for any code that is not.
 */
const OBJECT_NAMES = Object.getOwnPropertyNames(Object.prototype);

export const WORD_LIST_MAX_ENTRIES = WORD_LIST_LIMITS.maxEntries;
export const WORD_ENTRY_MAX_LENGTH = WORD_LIST_LIMITS.maxEntryLength;

/**
 * A word list: at most 10,000 entries of 1 to 200 characters with no surrounding spaces. One
 * plain pass over the entries, the count checked before any entry: a list of 100,000 entries
 * is refused at once, and 10,000 cost microseconds each, not a schema per entry.
 */
const wordList = (name: string) =>
  yup.mixed<string[]>().test('word-list', function check(value) {
    if (value === undefined) return true;
    if (!Array.isArray(value)) {
      return this.createError({ message: `${name} must be an array of strings` });
    }
    if (value.length > WORD_LIST_MAX_ENTRIES) {
      return this.createError({
        message: `${name} holds at most ${WORD_LIST_MAX_ENTRIES.toLocaleString('en')} entries`,
      });
    }
    for (let i = 0; i < value.length; i += 1) {
      const entry: unknown = value[i];
      const message =
        typeof entry !== 'string'
          ? `${name} entries must be strings`
          : entry.length === 0
            ? `${name} entries must not be empty`
            : entry.length > WORD_ENTRY_MAX_LENGTH
              ? `${name} entries are at most ${WORD_ENTRY_MAX_LENGTH} characters`
              : entry.trim() !== entry
                ? `${name} entries must not start or end with spaces`
                : null;
      if (message) return this.createError({ path: `${this.path}[${i}]`, message });
    }
    return true;
  });

/** A whole number in the bounds the admin's form checks too (`SETTING_BOUNDS`). */
const integer = (name: NumericSetting) => {
  const { min, max } = SETTING_BOUNDS[name];
  return yup
    .number()
    .strict()
    .typeError(`${name} must be a number`)
    .integer(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);
};

const fields = {
  closeAfterDays: integer('closeAfterDays'),
  maxDepth: integer('maxDepth'),
  maxLength: integer('maxLength'),
  floodIntervalSeconds: integer('floodIntervalSeconds'),
  honeypotField: yup
    .string()
    .strict()
    .matches(
      HONEYPOT_FIELD_PATTERN,
      'honeypotField must be a field name: letters, digits, - and _, at most 64'
    )
    .notOneOf(RESERVED_FIELD_NAMES, 'honeypotField must not be one of the comment’s own fields')
    .notOneOf(OBJECT_NAMES, 'honeypotField must not be a name every object has (${value})'),
  minSubmitSeconds: integer('minSubmitSeconds'),
  disallowedWords: wordList('disallowedWords'),
  maxLinks: integer('maxLinks'),
  moderationWords: wordList('moderationWords'),
  requireApproval: yup
    .string()
    .strict()
    .oneOf([...REQUIRE_APPROVAL], 'requireApproval must be first-time, always or never'),
  trashDays: integer('trashDays'),
  editWindowMinutes: integer('editWindowMinutes'),
  reportsToHold: integer('reportsToHold'),
};

/** Every key optional (a partial update, or config defaults); unknown keys refused. */
export const partialSettingsSchema = yup
  .object(fields)
  .noUnknown(true, 'Unknown setting: ${unknown}')
  .strict();

/** A whole settings object, as `PUT /blog/settings` takes it. */
export const settingsSchema = yup
  .object(
    Object.fromEntries(
      Object.entries(fields).map(([key, schema]) => [key, schema.required(`${key} is required`)])
    )
  )
  .noUnknown(true, 'Unknown setting: ${unknown}')
  .strict();
