import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

import { DesignSystemProvider } from '@strapi/design-system';
import { IntlProvider } from 'react-intl';
import { MemoryRouter } from 'react-router-dom';

import type { AdminComment } from '../../contracts/moderation';
import { CommentRow } from '../../admin/src/components/CommentRow';
import { prefixTranslations } from '../../admin/src/utils/getTranslation';
import en from '../../admin/src/translations/en.json';

const comment = (overrides: Partial<AdminComment> = {}): AdminComment => ({
  documentId: 'c1',
  authorName: 'Rita Replier',
  authorEmail: 'rita@example.com',
  authorUrl: null,
  content: 'I agree.',
  status: 'pending',
  moderationReason: 'require-approval: first comment from this author',
  reasonParts: { rule: 'require-approval', code: 'approval-first-comment', params: {} },
  ipHash: null,
  userAgent: null,
  submittedAt: '2026-11-26T12:00:00.000Z',
  parent: null,
  replyTo: null,
  staff: false,
  trashedAt: null,
  trashedFrom: null,
  trashedWith: null,
  post: { documentId: 'p1', title: 'A post', slug: 'a-post' },
  ...overrides,
});

const render = (row: AdminComment) =>
  renderToStaticMarkup(
    createElement(
      IntlProvider,
      { locale: 'en', messages: prefixTranslations(en) },
      createElement(
        DesignSystemProvider,
        { locale: 'en' },
        createElement(
          MemoryRouter,
          null,
          createElement(
            'table',
            null,
            createElement(
              'tbody',
              null,
              createElement(CommentRow, {
                comment: row,
                canModerate: true,
                busy: false,
                selected: false,
                onSelect: () => {},
                onAction: () => {},
                onWrite: () => {},
                onHistory: () => {},
                onShowParent: () => {},
              })
            )
          )
        )
      )
    )
  );

/** The markup's visible text, one space between elements. */
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** The opening tags of the links in the markup. */
const links = (html: string) => html.match(/<a [^>]*>/g) ?? [];

describe('a row of the Moderation view (rendered as the admin renders it)', () => {
  const logged = jest.spyOn(console, 'error');
  beforeAll(() => {
    // The design system's layout effects do nothing when rendered to a string; nothing else may log.
    logged.mockImplementation((message: unknown) => {
      if (!String(message).includes('useLayoutEffect does nothing on the server')) {
        throw new Error(`console.error: ${String(message)}`);
      }
    });
  });
  afterAll(() => logged.mockRestore());

  it('says why in a sentence, with the rule’s id and the stored text for the curious', () => {
    const html = render(comment());
    expect(text(html)).toContain('Held: first comment from this author.');
    expect(html).toMatch(
      /<code [^>]*title="require-approval: first comment from this author"[^>]*>require-approval<\/code>/
    );
  });

  it('offers a reply and an edit on a comment, and only a restore in the trash', () => {
    const buttons = (html: string) =>
      (html.match(/<button[^>]*>[\s\S]*?<\/button>/g) ?? [])
        .map((button) => text(button).trim())
        .filter(Boolean);
    expect(buttons(render(comment()))).toEqual([
      'Approve',
      'Mark as spam',
      'Reject',
      'Delete',
      'Reply',
      'Edit',
      'History',
    ]);
    // Spam is not answered (a reply approves what it answers), but can be corrected.
    expect(buttons(render(comment({ status: 'spam' })))).not.toContain('Reply');
    expect(
      buttons(
        render(
          comment({
            status: 'trash',
            trashedAt: '2026-11-30T00:00:00.000Z',
            trashedFrom: 'pending',
          })
        )
      )
    ).toEqual(['Restore', 'History']);
  });

  it('marks a moderator’s reply with the staff badge', () => {
    expect(render(comment({ staff: true }))).toContain('data-testid="staff-badge"');
    expect(render(comment())).not.toContain('staff-badge');
  });

  it('marks a reply and shows its parent', () => {
    const html = render(
      comment({
        parent: 'p0',
        replyTo: {
          documentId: 'p0',
          authorName: 'Ann Reader',
          excerpt: 'Networking is giving first.',
          status: 'approved',
        },
      })
    );
    expect(text(html)).toContain('Reply to Ann Reader: “Networking is giving first.” I agree.');
    expect(text(render(comment()))).not.toContain('Reply to');
  });

  it('links an http(s) site with nofollow, and shows anything else as text only', () => {
    const site = links(render(comment({ authorUrl: 'https://rita.example/blog' }))).filter((a) =>
      a.includes('data-testid="author-url"')
    );
    expect(site).toHaveLength(1);
    expect(site[0]).toContain('href="https://rita.example/blog"');
    expect(site[0]).toContain('rel="nofollow noopener noreferrer"');
    expect(site[0]).toContain('target="_blank"');

    for (const unsafe of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x']) {
      const html = render(comment({ authorUrl: unsafe }));
      expect(links(html).filter((a) => a.includes('author-url'))).toEqual([]);
      expect(html.toLowerCase()).not.toContain(`href="${unsafe.toLowerCase()}`);
      expect(text(html)).toContain(unsafe);
    }
  });

  it('offers the moves away from the comment’s status, never to it', () => {
    const buttons = (html: string) =>
      [...html.matchAll(/<button[^>]*>(.*?)<\/button>/g)].map((match) => text(match[1]).trim());
    expect(buttons(render(comment()))).not.toContain('Hold');
    expect(buttons(render(comment()))).toContain('Approve');
    expect(buttons(render(comment({ status: 'approved' })))).toContain('Hold');
    expect(buttons(render(comment({ status: 'approved' })))).not.toContain('Approve');
  });
});
