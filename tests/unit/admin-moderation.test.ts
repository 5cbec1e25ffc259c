import { createIntl } from 'react-intl';

import type { ReasonParts } from '../../contracts/moderation';
import { linkableUrl, urlLabel } from '../../admin/src/utils/author-url';
import { getTranslation, prefixTranslations } from '../../admin/src/utils/getTranslation';
import {
  actionsFor,
  bulkActions,
  doneMessage,
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
    for (const status of ['approved', 'pending', 'spam', 'rejected', 'deleted']) {
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
    expect(say(t, 'delete', 1)).toBe('1 comment deleted');
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
    const entry = (id: number, kind: UndoEntry['kind'] = 'delete'): UndoEntry => ({
      id,
      kind,
      before: [{ documentId: `c${id}`, status: 'pending' }],
      message: { id: 'moderation.done.delete', values: { count: 1 } },
      commit: () => done.push(`commit ${id}`),
      revert: () => done.push(`revert ${id}`),
    });
    return { undoWindow, entry, seen, done };
  };

  it('commits an entry once its window passes, not before', () => {
    const { undoWindow, entry, seen, done } = setUp();
    undoWindow.offer(entry(1));
    jest.advanceTimersByTime(7999);
    expect(done).toEqual([]);
    expect(undoWindow.current()?.id).toBe(1);
    jest.advanceTimersByTime(1);
    expect(done).toEqual(['commit 1']);
    expect(seen).toEqual([1, null]);
    jest.advanceTimersByTime(60_000);
    expect(done).toEqual(['commit 1']);
  });

  it('reverts on undo, and then never commits', () => {
    const { undoWindow, entry, done } = setUp();
    undoWindow.offer(entry(1, 'status'));
    jest.advanceTimersByTime(3000);
    undoWindow.undo(1);
    undoWindow.undo(1);
    jest.advanceTimersByTime(60_000);
    expect(done).toEqual(['revert 1']);
    expect(undoWindow.current()).toBeNull();
  });

  it('commits the open entry when the next action comes, and ignores a stale undo', () => {
    const { undoWindow, entry, done } = setUp();
    undoWindow.offer(entry(1));
    jest.advanceTimersByTime(5000);
    undoWindow.offer(entry(2));
    expect(done).toEqual(['commit 1']);
    undoWindow.undo(1);
    expect(undoWindow.current()?.id).toBe(2);
    // The second entry has its own full window.
    jest.advanceTimersByTime(7999);
    expect(done).toEqual(['commit 1']);
    jest.advanceTimersByTime(1);
    expect(done).toEqual(['commit 1', 'commit 2']);
  });

  it('commits at once when the editor closes the toast or leaves the page', () => {
    const { undoWindow, entry, done } = setUp();
    undoWindow.offer(entry(1));
    undoWindow.finish();
    undoWindow.finish();
    jest.advanceTimersByTime(60_000);
    expect(done).toEqual(['commit 1']);
  });

  describe('when the browser page goes (tab closed or reloaded) inside the window', () => {
    const leaving = (id: number, kind: UndoEntry['kind'], done: string[]): UndoEntry => ({
      id,
      kind,
      before: [{ documentId: `c${id}`, status: 'pending' }],
      message: { id: `moderation.done.${kind}`, values: { count: 1 } },
      ...(kind === 'delete'
        ? {
            commit: () => done.push(`commit ${id}`),
            commitOnLeave: () => done.push(`send as the page goes ${id}`),
          }
        : { revert: () => done.push(`revert ${id}`) }),
    });

    it('sends a waiting delete by the request that outlives the page, once', () => {
      const { undoWindow, done, seen } = setUp();
      undoWindow.offer(leaving(1, 'delete', done));
      jest.advanceTimersByTime(3000);
      undoWindow.leave();
      undoWindow.leave();
      // The page came back from the back/forward cache, then left for good.
      jest.advanceTimersByTime(60_000);
      undoWindow.finish();
      expect(done).toEqual(['send as the page goes 1']);
      expect(seen).toEqual([1, null]);
    });

    it('leaves a saved status change as it is: no undo is sent', () => {
      const { undoWindow, done } = setUp();
      undoWindow.offer(leaving(1, 'status', done));
      undoWindow.leave();
      jest.advanceTimersByTime(60_000);
      expect(done).toEqual([]);
    });

    it('sends nothing for a delete already undone, sent, or replaced by the next action', () => {
      const { undoWindow, done } = setUp();
      undoWindow.offer(leaving(1, 'delete', done));
      undoWindow.undo(1);
      undoWindow.leave();
      undoWindow.offer(leaving(2, 'delete', done));
      jest.advanceTimersByTime(8000);
      undoWindow.leave();
      undoWindow.offer(leaving(3, 'delete', done));
      undoWindow.offer(leaving(4, 'status', done));
      undoWindow.leave();
      expect(done).toEqual(['commit 2', 'commit 3']);
    });

    it('falls back to the entry’s commit when it has no way to outlive the page', () => {
      const { undoWindow, entry, done } = setUp();
      undoWindow.offer(entry(1));
      undoWindow.leave();
      expect(done).toEqual(['commit 1']);
    });
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
