/**
 * Web addresses in a comment, counted as a reader would: on the reader's view of the text
 * (reader-view.ts: a full-width `https：//` is `https://`, invisible characters are gone), by
 * linkify-it (a URL and domain detector, linear in the text): `http(s)://…`, `ftp://…`,
 * `//host…`, `www.…`, and bare domains under any top-level domain IANA lists (`example.com`,
 * `shop.xyz`). Email addresses are not links.
 */
import { LinkifyIt } from 'linkify-it';
import tldList from 'tlds';

import { readerView } from './reader-view';

/**
 * Every top-level domain IANA lists (the maintained `tlds` package), on top of linkify-it's own
 * short list, and RFC 2606's documentation domain, which examples and tests use.
 */
const ALL_TLDS = [...(tldList as string[]), 'example'];

const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false }).tlds(ALL_TLDS, true);

const SCHEMES = ['https', 'http', 'ftp'];

/**
 * A space before every `scheme://` that follows another character, so that addresses written
 * end to end or joined by a character an address may hold (`|`, `~`, `+`, `=`, `$`, `#`, `,`
 * inside a path) count one each, as a reader reads them.
 */
const separateAddresses = (view: string): string => {
  let out = '';
  let from = 0;
  for (let at = view.indexOf('://'); at !== -1; at = view.indexOf('://', at + 3)) {
    const scheme = SCHEMES.find((name) => view.startsWith(name, at - name.length));
    if (scheme === undefined) continue;
    const start = at - scheme.length;
    if (start <= from) continue;
    out += `${view.slice(from, start)} `;
    from = start;
  }
  return out + view.slice(from);
};

// Symbols (`|`, `~`, `+`, `=`, `^`, `$`, `→`, emoji…) between two addresses read as separators;
// inside one address they only cut it shorter, which leaves the count as it is.
const SYMBOL = /\p{S}/gu;
// Ideographic full stops are dots in a domain name (UTS #46); NFKC already made U+FF0E a dot.
const IDEOGRAPHIC_STOP = /\u3002/g;

const SPACE = /\s/;
const isSpace = (code: number, char: string) =>
  code === 32 || (code >= 9 && code <= 13) || (code > 127 && SPACE.test(char));
const isStop = (code: number) => code === 0x2e || code === 0x3a || code === 0x3002;

/**
 * The runs of non-space characters that hold a dot or a colon (`mailto:`), joined by spaces: a
 * link never spans a space and always holds one, and linkify-it's bare-domain search is slow on
 * long prose, so only these go to it. One scan.
 */
const candidateRuns = (view: string): string => {
  const runs: string[] = [];
  let start = 0;
  let hasStop = false;
  for (let i = 0; i <= view.length; i += 1) {
    const code = i < view.length ? view.charCodeAt(i) : 32;
    if (isSpace(code, view[i])) {
      if (hasStop) runs.push(view.slice(start, i));
      start = i + 1;
      hasStop = false;
    } else if (isStop(code)) {
      hasStop = true;
    }
  }
  return runs.join(' ');
};

/** How many links a reader sees in a text's view (`readerView`). */
export const countLinksInView = (view: string): number => {
  const runs = candidateRuns(view);
  if (runs === '') return 0;
  const text = separateAddresses(runs.replace(IDEOGRAPHIC_STOP, '.').replace(SYMBOL, ' '));
  return linkify.match(text)?.length ?? 0;
};

/** How many links a reader sees in `text`. */
export const countLinks = (text: string): number => countLinksInView(readerView(text));
