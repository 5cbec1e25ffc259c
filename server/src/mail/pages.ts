import { escapeXml } from '../../../contracts/escape';

/**
 * The small pages the mail's links answer: what happened, in a sentence, and at most one button
 * (a form that POSTs back to the same address: mail scanners fetch links with GET, so a GET
 * never changes anything).
 */
export interface Page {
  status: number;
  title: string;
  message: string;
  /** A button that POSTs to `action`. */
  button?: { action: string; label: string };
}

export const renderPage = (page: Page): string => {
  const button = page.button
    ? `<form method="post" action="${escapeXml(page.button.action)}"><button type="submit">${escapeXml(page.button.label)}</button></form>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeXml(page.title)}</title></head><body style="font-family:sans-serif;max-width:36em;margin:3em auto;line-height:1.5"><h1>${escapeXml(page.title)}</h1><p>${escapeXml(page.message)}</p>${button}</body></html>`;
};
