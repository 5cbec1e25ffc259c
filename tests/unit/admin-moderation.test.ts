import { createIntl } from 'react-intl';

import type { ReasonParts } from '../../contracts/moderation';
import { linkableUrl, urlLabel } from '../../admin/src/utils/author-url';
import { getTranslation, prefixTranslations } from '../../admin/src/utils/getTranslation';
import {
  actionsFor,
  bulkActions,
  doneMessage,
  replyUndo,
  reportedUndo,
  STATUS_TABS,
  undoChanges,
} from '../../admin/src/utils/moderation-actions';
import { countLabel } from '../../admin/src/utils/pending-count';
import { reasonSentence } from '../../admin/src/utils/reason-sentence';
import { createUndoWindow, type UndoEntry } from '../../admin/src/utils/undo-window';
import en from '../../admin/src/translations/en.json';
import fr from '../../admin/src/translations/fr.json';

/** The admin's `t` (useTranslate.ts) in a language, over the plugin's own translations. */
const translator = (locale: 'en' | 'fr') => {
  const intl = createIntl({
    locale,
    messages: prefixTranslations(locale === 'en' ? en : fr),
    onError: (error) => {
      throw error;
    },
  });
  return (id: string, values?: Record<string, string | number>) =>
    intl.formatMessage({ id: getTranslation(id), defaultMessage: id }, values);
};
const t = translator('en');
const tFr = translator('fr');

const parts = (
  code: ReasonParts['code'],
  params: ReasonParts['params'] = {},
  rule: string | null = 'rule'
): ReasonParts => ({ rule, code, params });

describe('why a comment has its status, as a sentence', () => {
  it('says each rule’s reason in English and in French, with its values', () => {
    const cases: Array<[ReasonParts, string, string]> = [
      [
        parts('approval-first-comment'),
        'Held: first comment from this author.',
        'Retenu : premier commentaire de cet auteur.',
      ],
      [
        parts('set-on-create', { actor: 'importer' }),
        'Imported with this status.',
        'Importé avec ce statut.',
      ],
      [
        parts('disallowed-word', { word: 'casino' }),
        'Contains “casino”, a disallowed word.',
        'Contient « casino », un mot interdit.',
      ],
      [
        parts('form-too-fast', { seconds: 1.5, minimum: 3 }),
        'Sent 1.5 s after the form was shown; people take at least 3 s.',
        'Envoyé 1,5 s après l’affichage du formulaire ; il faut au moins 3 s à une personne.',
      ],
      [
        parts('too-many-links', { links: 4, limit: 2 }),
        'Has 4 links; comments with 2 or more are held.',
        'Contient 4 liens ; à partir de 2, un commentaire est retenu.',
      ],
      [
        parts('status-changed', { status: 'approved', actor: 'admin', name: 'Ann Editor' }, null),
        'Approved by Ann Editor.',
        'Approuvé par Ann Editor.',
      ],
      [
        parts('status-changed', { status: 'spam', actor: 'rules' }, null),
        'Marked as spam by the rules.',
        'Marqué comme spam par les règles.',
      ],
      [
        parts('set-on-create', { actor: 'admin', name: 'Ann' }),
        'Written with this status by Ann.',
        'Écrit avec ce statut par Ann.',
      ],
    ];
    for (const [reason, english, french] of cases) {
      expect(reasonSentence(reason, t)).toBe(english);
      expect(reasonSentence(reason, tFr)).toBe(french);
    }
  });

  it('has a sentence for every code in both languages, and never shows the rule id', () => {
    const codes: ReasonParts['code'][] = [
      'honeypot',
      'form-token-missing',
      'form-token-invalid',
      'form-token-expired',
      'form-too-fast',
      'disallowed-word',
      'moderation-word',
      'too-many-links',
      'approval-not-required',
      'approval-always',
      'approval-known-author',
      'approval-first-comment',
    ];
    const values = { field: 'website', seconds: 1, minimum: 2, word: 'w', links: 3, limit: 2 };
    for (const code of codes) {
      for (const translate of [t, tFr]) {
        const sentence = reasonSentence(parts(code, values, 'some-rule'), translate);
        expect(sentence).not.toMatch(/reason\.|some-rule|\{/);
        expect(sentence).toMatch(/\.$/);
      }
    }
    for (const status of [
      'approved',
      'pending',
      'spam',
      'rejected',
      'deleted',
      'trash',
      'restored',
      'edited',
    ]) {
      const reason = parts('status-changed', { status, actor: 'importer' }, null);
      expect(reasonSentence(reason, t)).toMatch(/ by the importer\.$/);
      expect(reasonSentence(reason, tFr)).toMatch(/ par l’importateur\.$/);
    }
  });

  it('shows what an editor typed as they typed it', () => {
    expect(reasonSentence(parts('note', { text: 'Bot, surely' }, null), tFr)).toBe('Bot, surely');
    expect(reasonSentence(parts('rule-other', { text: 'new words' }), t)).toBe('new words');
  });
});

describe('the bulk bar and the toasts', () => {
  it('never offers the status the tab already shows', () => {
    expect(bulkActions('pending', true)).toEqual(['approved', 'spam', 'rejected', 'delete']);
    expect(bulkActions('spam', true)).toEqual(['approved', 'pending', 'rejected', 'delete']);
    // In the trash, a comment can only come back.
    expect(bulkActions('trash', true)).toEqual(['restore']);
    expect(STATUS_TABS.at(-1)).toBe('trash');
    for (const tab of STATUS_TABS) {
      expect(bulkActions(tab, true)).not.toContain(tab);
      expect(bulkActions(tab, true)).toEqual(actionsFor(tab, true));
      expect(bulkActions(tab, false)).toEqual([]);
    }
  });

  it('says what was done as a sentence', () => {
    const say = (translate: typeof t, ...args: Parameters<typeof doneMessage>) => {
      const { id, values } = doneMessage(...args);
      return translate(id, values);
    };
    expect(say(t, 'approved', 1)).toBe('1 comment approved');
    expect(say(t, 'spam', 3)).toBe('3 comments marked as spam');
    expect(say(t, 'pending', 2)).toBe('2 comments put on hold');
    expect(say(t, 'delete', 1)).toBe('1 comment moved to the trash');
    expect(say(t, 'restore', 2)).toBe('2 comments restored');
    expect(say(tFr, 'delete', 2)).toBe('2 commentaires mis à la corbeille');
    expect(say(tFr, 'rejected', 2)).toBe('2 commentaires rejetés');
    expect(say(tFr, 'approved', 1)).toBe('1 commentaire approuvé');
  });

  it('undoes a change by setting each comment’s former status back', () => {
    expect(
      undoChanges(
        [
          { documentId: 'a', status: 'pending' },
          { documentId: 'b', status: 'spam' },
          { documentId: 'c', status: 'pending' },
          { documentId: 'd', status: 'approved' },
        ],
        'approved'
      )
    ).toEqual([
      { status: 'pending', documentIds: ['a', 'c'] },
      { status: 'spam', documentIds: ['b'] },
    ]);
    expect(undoChanges([{ documentId: 'a', status: 'spam' }], 'spam')).toEqual([]);
  });

  it('undoes a delete by a restore, and a restore by a delete', () => {
    const rows = [
      { documentId: 'a', status: 'pending' as const },
      { documentId: 'b', status: 'approved' as const },
      // Already in the trash: the delete did not move it, the undo does not take it out.
      { documentId: 'c', status: 'trash' as const },
    ];
    expect(undoChanges(rows, 'delete')).toEqual([{ action: 'restore', documentIds: ['a', 'b'] }]);
    expect(undoChanges(rows, 'restore')).toEqual([{ action: 'delete', documentIds: ['c'] }]);
    expect(undoChanges([{ documentId: 'c', status: 'trash' }], 'delete')).toEqual([]);
  });
});

describe('the undo of a moderator reply', () => {
  it('trashes the reply, then holds again the comment the reply approved, and says both', () => {
    const { message, changes } = replyUndo(
      { documentId: 'p', status: 'pending', authorName: 'Quinn' },
      'r'
    );
    expect(changes).toEqual([
      { action: 'delete', documentIds: ['r'] },
      { status: 'pending', documentIds: ['p'] },
    ]);
    expect(t(message.id, message.values)).toBe(
      'Reply published, and Quinn’s comment approved. Undo moves your reply to the trash and holds the comment again.'
    );
  });

  it('only trashes the reply under a comment that was approved already, and says only that', () => {
    const { message, changes } = replyUndo(
      { documentId: 'p', status: 'approved', authorName: 'Quinn' },
      'r'
    );
    expect(changes).toEqual([{ action: 'delete', documentIds: ['r'] }]);
    expect(t(message.id, message.values)).toBe(
      'Reply published. Undo moves your reply to the trash.'
    );
  });
});

describe('the undo of a status change in the Reported view', () => {
  it('sets a held comment back after an approval, and says its reports stay cleared', () => {
    const undo = reportedUndo({ documentId: 'c', status: 'pending' }, 'approved');
    expect(undo?.changes).toEqual([{ status: 'pending', documentIds: ['c'] }]);
    expect(t(undo!.message.id, undo!.message.values)).toBe(
      'Approved; its reports are cleared. Undo sets its former status back, but the reports stay cleared.'
    );
    expect(tFr(undo!.message.id, undo!.message.values)).toMatch(/signalements restent effacés/);
  });

  it('sets an approved comment back after spam or a rejection, with its reports', () => {
    const spam = reportedUndo({ documentId: 'c', status: 'approved' }, 'spam');
    expect(spam?.changes).toEqual([{ status: 'approved', documentIds: ['c'] }]);
    expect(t(spam!.message.id, spam!.message.values)).toBe(
      'Marked as spam. Undo sets its former status back, with its reports.'
    );
    const rejected = reportedUndo({ documentId: 'c', status: 'pending' }, 'rejected');
    expect(rejected?.changes).toEqual([{ status: 'pending', documentIds: ['c'] }]);
    expect(t(rejected!.message.id, rejected!.message.values)).toBe(
      'Rejected. Undo sets its former status back, with its reports.'
    );
    expect(t('reports.undone')).toBe('Undone: the comment has its former status back');
  });

  it('offers no undo when the status did not change', () => {
    expect(reportedUndo({ documentId: 'c', status: 'approved' }, 'approved')).toBeNull();
  });
});

describe('the undo window', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const setUp = () => {
    const seen: Array<number | null> = [];
    const done: string[] = [];
    const undoWindow = createUndoWindow({
      windowMs: 8000,
      onChange: (entry) => seen.push(entry?.id ?? null),
    });
    const entry = (id: number): UndoEntry => ({
      id,
      message: { id: 'moderation.done.delete', values: { count: 1 } },
      revert: () => done.push(`revert ${id}`),
    });
    return { undoWindow, entry, seen, done };
  };

  it('offers an entry for its window, then closes it without sending anything', () => {
    const { undoWindow, entry, seen, done } = setUp();
    undoWindow.offer(entry(1));
    jest.advanceTimersByTime(7999);
    expect(undoWindow.current()?.id).toBe(1);
    jest.advanceTimersByTime(1);
    expect(undoWindow.current()).toBeNull();
    expect(seen).toEqual([1, null]);
    // What was done stays done: a late undo reverts nothing.
    undoWindow.undo(1);
    expect(done).toEqual([]);
  });

  it('reverts on undo, once', () => {
    const { undoWindow, entry, done } = setUp();
    undoWindow.offer(entry(1));
    jest.advanceTimersByTime(3000);
    undoWindow.undo(1);
    undoWindow.undo(1);
    jest.advanceTimersByTime(60_000);
    expect(done).toEqual(['revert 1']);
    expect(undoWindow.current()).toBeNull();
  });

  it('replaces the open entry with the next action, and ignores a stale undo', () => {
    const { undoWindow, entry, done } = setUp();
    undoWindow.offer(entry(1));
    jest.advanceTimersByTime(5000);
    undoWindow.offer(entry(2));
    undoWindow.undo(1);
    expect(done).toEqual([]);
    expect(undoWindow.current()?.id).toBe(2);
    // The second entry has its own full window.
    jest.advanceTimersByTime(7999);
    undoWindow.undo(2);
    expect(done).toEqual(['revert 2']);
  });

  it('closes at once when the editor dismisses the toast or leaves the page', () => {
    const { undoWindow, entry, done, seen } = setUp();
    undoWindow.offer(entry(1));
    undoWindow.finish();
    undoWindow.finish();
    undoWindow.undo(1);
    jest.advanceTimersByTime(60_000);
    expect(done).toEqual([]);
    expect(seen).toEqual([1, null]);
  });
});

describe('the author’s URL and the pending count', () => {
  it('links only http(s) addresses', () => {
    expect(linkableUrl('https://ann.example/blog')).toBe('https://ann.example/blog');
    expect(linkableUrl('http://ann.example')).toBe('http://ann.example/');
    for (const unsafe of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'ann.example',
      '//ann.example',
      '',
      null,
    ]) {
      expect(linkableUrl(unsafe)).toBeNull();
    }
  });

  it('labels a link by its host and path', () => {
    expect(urlLabel('https://ann.example/')).toBe('ann.example');
    expect(urlLabel('https://ann.example/blog?x=1')).toBe('ann.example/blog?x=1');
    expect(urlLabel(`https://ann.example/${'a'.repeat(100)}`, 20)).toHaveLength(20);
  });

  it('shows a count only when comments wait', () => {
    expect(countLabel(0)).toBeNull();
    expect(countLabel(null)).toBeNull();
    expect(countLabel(7)).toBe('7');
    expect(countLabel(250)).toBe('99+');
  });
});
