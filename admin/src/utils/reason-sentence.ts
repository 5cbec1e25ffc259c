import type { ReasonParts } from '../../../contracts/moderation';

type Translate = (id: string, values?: Record<string, string | number>) => string;

const ACTOR_WORDS: Record<string, string> = {
  importer: 'reason.actor.importer',
  reader: 'reason.actor.reader',
};

/**
 * Who a reason names, in the editor's language: the admin's name, "the importer", "readers",
 * "the rules".
 */
const who = (params: ReasonParts['params'], t: Translate): string =>
  params.actor === 'admin' && params.name
    ? String(params.name)
    : t(ACTOR_WORDS[String(params.actor)] ?? 'reason.actor.rules');

/**
 * Why a comment has its status, as a sentence in the editor's language ("First comment from this
 * author: it waits for approval."). The server reads the stored reason into its parts
 * (`AdminComment.reason`); text an editor wrote stays as written.
 */
export const reasonSentence = (reason: ReasonParts, t: Translate): string => {
  const { code, params } = reason;
  switch (code) {
    case 'note':
    case 'rule-other':
      return String(params.text ?? '');
    case 'status-changed':
      return t(`reason.changed.${params.status}`, { who: who(params, t) });
    case 'set-on-create':
      return params.actor === 'importer'
        ? t('reason.set-on-create.importer')
        : t('reason.set-on-create', { who: who(params, t) });
    default:
      return t(`reason.${code}`, params);
  }
};
