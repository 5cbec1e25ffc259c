import type { ModerationSettings } from '../../../contracts/moderation';

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
}

export const NUMBER_FIELDS = [
  'closeAfterDays',
  'maxDepth',
  'maxLength',
  'floodIntervalSeconds',
  'minSubmitSeconds',
  'maxLinks',
] as const;

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
