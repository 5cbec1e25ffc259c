/**
 * Web addresses in a comment, counted as a reader would: on the reader's view of the text
 * (reader-view.ts: a full-width `https：//` is `https://`, invisible characters are gone), by
 * linkify-it (a URL and domain detector, linear in the text): `http(s)://…`, `ftp://…`,
 * `//host…`, `www.…`, and bare domains under a known top-level domain (`example.com`,
 * `shop.xyz`). Email addresses are not links.
 */
import { LinkifyIt } from 'linkify-it';

import { readerView } from './reader-view';

/**
 * Generic top-level domains recognized in bare domains, on top of linkify-it's own (com, net,
 * org, info, biz, shop…, every two-letter country code, every `xn--` name): the most
 * registered new ones, and those that link spam favours.
 */
const MORE_TLDS = [
  'xyz top online site club store app dev tech live life fun icu buzz click link win bid loan',
  'loans vip work space website cloud blog news today world email host press rest monster quest',
  'sbs cfd bond cyou best ltd group company agency services solutions media digital network',
  'systems mobi tel travel jobs art design studio guru center support zone lol wtf porn sex adult',
  'casino bet poker game games download stream review racing date party trade science faith',
  'cricket accountant men kim country gdn ooo one page wiki money cash finance credit pharmacy',
  'health shopping deals sale market social chat run',
  // RFC 2606's documentation domain, which examples and tests use.
  'example',
]
  .join(' ')
  .split(' ');

const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false }).tlds(MORE_TLDS, true);

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
