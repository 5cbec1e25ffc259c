import { domainToASCII } from 'url';

/**
 * The mailbox an email address reaches, as a flood key: addresses that land in one inbox give
 * one key, so `victim+1@…`, `Victim@…`, `v.i.c.t.i.m@gmail.com` or `victim@example.com.` cannot
 * each start a fresh flood interval. Only the key folds this; the stored email stays as given
 * (lower-cased).
 *
 * Folded: case (after NFKC), surrounding space, a `+tag` in the local part, trailing dots of
 * the domain, an internationalized domain to its ASCII form; for Gmail (`gmail.com`,
 * `googlemail.com`, one mailbox) the dots of the local part.
 */

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

export const emailKey = (email: string): string => {
  const value = email.normalize('NFKC').trim().toLowerCase();
  const at = value.lastIndexOf('@');
  if (at < 0) return value;
  let local = value.slice(0, at);
  let domain = value.slice(at + 1);

  let end = domain.length;
  while (end > 0 && domain[end - 1] === '.') end -= 1;
  domain = domain.slice(0, end);
  domain = domainToASCII(domain) || domain;

  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.split('.').join('');
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
};
