import type { Core } from '@strapi/strapi';

import type { CommentStatus } from '../../../contracts/comments';
import createDerivedData from '../comments/derived-data';
import createModerationFactsRepository from '../repositories/moderation-facts';
import { getService } from '../utils/get-service';

import type { ModerationScope } from './actor';
import { refusalError } from './errors';
import { judgeEdit } from './judge';
import type { Candidate } from './rules';
import { textField } from './candidate';

type Next = () => Promise<unknown>;

/** The stored fields an author's edit is judged with. */
const STORED = ['content', 'authorName', 'authorEmail', 'authorUrl', 'userAgent', 'status'];

/**
 * An author's edit of their comment's text (the edit window), as the moderation middleware runs
 * it: the new text judged by the rules (judge.ts `judgeEdit`: it may go back to pending or to
 * spam, never the other way), `editedAt` set, and the change logged with the text it replaced.
 * Who may edit (the token, the window, no reply) is checked before, by services/reader-actions.ts.
 */
const createReaderEdits = ({ strapi }: { strapi: Core.Strapi }) => {
  const facts = createModerationFactsRepository({ strapi });
  const { refreshDerived } = createDerivedData({ strapi });

  return async (
    scope: ModerationScope,
    documentId: string,
    data: Record<string, unknown>,
    next: Next
  ) => {
    const content = textField(data, 'content') ?? '';
    const current = await facts.current(documentId);
    const stored = (await facts.stored(documentId, STORED)) as Record<string, string | null> | null;
    if (!current || !stored) return next();

    const settings = scope.settings ?? (await getService('settings', { strapi }).get());
    const candidate: Candidate = {
      authorName: stored.authorName ?? '',
      authorEmail: stored.authorEmail ?? null,
      authorUrl: stored.authorUrl ?? null,
      content,
      ip: null,
      userAgent: stored.userAgent ?? null,
    };
    const authorHasApprovedComment =
      settings.requireApproval === 'first-time' && candidate.authorEmail !== null
        ? await facts.hasApprovedComment(candidate.authorName, candidate.authorEmail)
        : false;
    const verdict = judgeEdit(
      candidate,
      settings,
      { status: current.status, authorHasApprovedComment },
      getService('settings', { strapi }).matchers(settings)
    );
    if (verdict.kind === 'refuse') throw refusalError(verdict);

    const from: CommentStatus = current.status;
    const to = verdict.status;
    const changed = to !== from;
    // Only the text changes: whatever else the data held is not the author's to set.
    for (const key of Object.keys(data)) delete data[key];
    Object.assign(data, { content, editedAt: new Date().toISOString() });
    if (changed) Object.assign(data, { status: to, moderationReason: verdict.reason });

    return strapi.db.transaction(async ({ onCommit }) => {
      const updated = await next();
      if (changed) {
        await refreshDerived({
          action: 'update',
          documentId,
          before: current,
          status: to,
          moved: false,
        });
      }
      await getService('moderationEvents', { strapi }).record({
        commentDocumentId: documentId,
        postDocumentId: current.postDocumentId,
        fromStatus: from,
        toStatus: to,
        actor: scope.actor,
        rule: verdict.rule,
        reason: verdict.reason,
        previousContent: stored.content,
      });
      if (changed) {
        onCommit(() => getService('notifications', { strapi }).statusChanged(documentId, from, to));
      }
      return updated;
    });
  };
};

export default createReaderEdits;
