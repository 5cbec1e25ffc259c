import {
  HONEYPOT_FIELD_PATTERN,
  RESERVED_HONEYPOT_NAMES,
  SETTING_BOUNDS,
  WORD_LIST_LIMITS,
  type ModerationSettings,
  type NumericSetting,
} from '../../../contracts/moderation';

/** The settings form's values: word lists edited as one entry per line, numbers as typed. */
export interface SettingsFormValues {
  closeAfterDays: string;
  maxDepth: string;
  maxLength: string;
  floodIntervalSeconds: string;
  honeypotField: string;
  minSubmitSeconds: string;
  disallowedWords: string;
  maxLinks: string;
  moderationWords: string;
  requireApproval: ModerationSettings['requireApproval'];
  trashDays: string;
  editWindowMinutes: string;
  reportsToHold: string;
}

export const NUMBER_FIELDS = Object.keys(SETTING_BOUNDS) as NumericSetting[];

export const toFormValues = (settings: ModerationSettings): SettingsFormValues => ({
  closeAfterDays: String(settings.closeAfterDays),
  maxDepth: String(settings.maxDepth),
  maxLength: String(settings.maxLength),
  floodIntervalSeconds: String(settings.floodIntervalSeconds),
  honeypotField: settings.honeypotField,
  minSubmitSeconds: String(settings.minSubmitSeconds),
  disallowedWords: settings.disallowedWords.join('\n'),
  maxLinks: String(settings.maxLinks),
  moderationWords: settings.moderationWords.join('\n'),
  requireApproval: settings.requireApproval,
  trashDays: String(settings.trashDays),
  editWindowMinutes: String(settings.editWindowMinutes),
  reportsToHold: String(settings.reportsToHold),
});

const lines = (value: string) => [
  ...new Set(
    value
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
  ),
];

/**
 * The body of `PUT /blog/settings`. A number field that is not a number is sent as the text
 * typed, so the server's own message names it.
 */
export const toSettings = (values: SettingsFormValues): ModerationSettings => {
  const number = (value: string) => {
    const trimmed = value.trim();
    return trimmed !== '' && /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : (trimmed as never);
  };
  return {
    closeAfterDays: number(values.closeAfterDays),
    maxDepth: number(values.maxDepth),
    maxLength: number(values.maxLength),
    floodIntervalSeconds: number(values.floodIntervalSeconds),
    honeypotField: values.honeypotField.trim(),
    minSubmitSeconds: number(values.minSubmitSeconds),
    disallowedWords: lines(values.disallowedWords),
    maxLinks: number(values.maxLinks),
    moderationWords: lines(values.moderationWords),
    requireApproval: values.requireApproval,
    trashDays: number(values.trashDays),
    editWindowMinutes: number(values.editWindowMinutes),
    reportsToHold: number(values.reportsToHold),
  };
};

interface ServerError {
  path?: string[];
  message: string;
}

/** The server's 400 (`details.errors`), as one message per form field. */
export const fieldErrors = (errors: ServerError[] | undefined): Record<string, string> => {
  const byField: Record<string, string> = {};
  for (const error of errors ?? []) {
    const field = error.path?.[0];
    if (field && !byField[field]) byField[field] = error.message;
  }
  return byField;
};

/** A field's problem, as a translation id and its values (the field's label is added on show). */
export interface FieldProblem {
  id: string;
  values?: Record<string, number | string>;
}

export type FormProblems = Partial<Record<keyof SettingsFormValues, FieldProblem>>;

const WHOLE_NUMBER = /^-?\d+$/;

const numberProblem = (field: NumericSetting, value: string): FieldProblem | null => {
  const { min, max } = SETTING_BOUNDS[field];
  const trimmed = value.trim();
  if (trimmed === '') return { id: 'settings.error.required' };
  if (!WHOLE_NUMBER.test(trimmed))
    return { id: 'settings.error.wholeNumber', values: { min, max } };
  // 1e400 typed as digits is Infinity, still out of range: no rounding lets it in.
  const number = Number(trimmed);
  return number < min || number > max ? { id: 'settings.error.range', values: { min, max } } : null;
};

const wordListProblem = (value: string): FieldProblem | null => {
  const entries = lines(value);
  if (entries.length > WORD_LIST_LIMITS.maxEntries) {
    return { id: 'settings.error.words.tooMany', values: { max: WORD_LIST_LIMITS.maxEntries } };
  }
  const long = entries.findIndex((entry) => entry.length > WORD_LIST_LIMITS.maxEntryLength);
  return long === -1
    ? null
    : {
        id: 'settings.error.words.tooLong',
        values: { max: WORD_LIST_LIMITS.maxEntryLength, entry: `${entries[long].slice(0, 30)}…` },
      };
};

const OBJECT_NAMES = Object.getOwnPropertyNames(Object.prototype);

const honeypotProblem = (value: string): FieldProblem | null => {
  const name = value.trim();
  if (!HONEYPOT_FIELD_PATTERN.test(name)) return { id: 'settings.error.honeypotField.pattern' };
  if (
    (RESERVED_HONEYPOT_NAMES as readonly string[]).includes(name) ||
    OBJECT_NAMES.includes(name)
  ) {
    return { id: 'settings.error.honeypotField.reserved', values: { name } };
  }
  return null;
};

/**
 * What the form refuses before sending, with the server's own bounds (`SETTING_BOUNDS` and the
 * word list and honeypot rules of `contracts/moderation.ts`): one problem a field at most.
 */
export const validateSettings = (values: SettingsFormValues): FormProblems => {
  const problems: FormProblems = {};
  for (const field of NUMBER_FIELDS) {
    const problem = numberProblem(field, values[field]);
    if (problem) problems[field] = problem;
  }
  const honeypot = honeypotProblem(values.honeypotField);
  if (honeypot) problems.honeypotField = honeypot;
  for (const field of ['disallowedWords', 'moderationWords'] as const) {
    const problem = wordListProblem(values[field]);
    if (problem) problems[field] = problem;
  }
  return problems;
};

/**
 * The server's refusal (`details.errors`) as problems of the form's fields: the form's own check
 * of that field when it finds one (the same rules), else a general sentence. The server's
 * message names internal keys (`maxDepth must be at least 1`): it is not shown.
 */
export const serverProblems = (
  errors: ServerError[] | undefined,
  values: SettingsFormValues
): FormProblems => {
  const own = validateSettings(values);
  const problems: FormProblems = {};
  for (const field of Object.keys(fieldErrors(errors))) {
    // A word list's entry is reported as `disallowedWords[3]`.
    const key = field.replace(/\[\d+\]$/, '') as keyof SettingsFormValues;
    if (!(key in values) || problems[key]) continue;
    problems[key] = own[key] ?? { id: 'settings.error.refused' };
  }
  return problems;
};
