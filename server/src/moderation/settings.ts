import { yup } from '@strapi/utils';

import type { ModerationSettings } from '../../../contracts/moderation';

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
};

export const SETTING_KEYS = Object.keys(DEFAULT_MODERATION_SETTINGS) as Array<
  keyof ModerationSettings
>;

/** Names the honeypot may not take: they are the submission's own fields. */
const RESERVED_FIELD_NAMES = [
  'data',
  'formToken',
  'authorName',
  'authorEmail',
  'authorUrl',
  'content',
  'parent',
  '__proto__',
  'constructor',
  'prototype',
];

const wordList = (name: string) =>
  yup
    .array()
    .of(
      yup
        .string()
        .strict()
        .trim(`${name} entries must not start or end with spaces`)
        .min(1, `${name} entries must not be empty`)
        .max(200, `${name} entries are at most 200 characters`)
        .required()
    )
    .max(10000, `${name} holds at most 10,000 entries`);

const integer = (name: string, min: number, max: number) =>
  yup
    .number()
    .strict()
    .typeError(`${name} must be a number`)
    .integer(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

const fields = {
  closeAfterDays: integer('closeAfterDays', 0, 36500),
  maxDepth: integer('maxDepth', 1, 100),
  maxLength: integer('maxLength', 1, 100000),
  floodIntervalSeconds: integer('floodIntervalSeconds', 0, 86400),
  honeypotField: yup
    .string()
    .strict()
    .matches(
      /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/,
      'honeypotField must be a field name: letters, digits, - and _, at most 64'
    )
    .notOneOf(RESERVED_FIELD_NAMES, 'honeypotField must not be one of the comment’s own fields'),
  minSubmitSeconds: integer('minSubmitSeconds', 0, 3600),
  disallowedWords: wordList('disallowedWords'),
  maxLinks: integer('maxLinks', 0, 100),
  moderationWords: wordList('moderationWords'),
  requireApproval: yup
    .string()
    .strict()
    .oneOf([...REQUIRE_APPROVAL], 'requireApproval must be first-time, always or never'),
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
