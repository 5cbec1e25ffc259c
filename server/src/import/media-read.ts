import dns from 'dns';
import fs from 'fs';
import http from 'http';
import https from 'https';
import net from 'net';
import path from 'path';

import { isPrivateAddress } from './media-address';

/**
 * Reads an exported post's image: from a local copy of the site's uploads folder when the import
 * was given one (the part of the URL after `wp-content/uploads/`, or the path of a WordPress.com
 * `*.files.wordpress.com` URL), else over HTTP(S). Both are bounded: at most `maxBytes`, image
 * types only (PNG, JPEG, GIF, WebP: checked on the bytes themselves, never SVG, which can hold
 * scripts), a local path never leaves the folder (no `..`, symbolic links resolved and checked),
 * and a download takes at most `timeoutMs`, follows at most three redirects, each checked again,
 * and never reaches a private, loopback or link-local address unless `allowPrivateAddresses`.
 */

export interface MediaReadOptions {
  /** The real path of the site's uploads folder, or null. */
  uploadsDir: string | null;
  maxBytes: number;
  timeoutMs: number;
  allowPrivateAddresses: boolean;
}

export interface ImageFile {
  bytes: Buffer;
  mime: string;
  ext: string;
  /** The file's name, from the URL. */
  name: string;
}

/** Why an image could not be read: listed in the import's report with its URL. */
export class MediaUnreadable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MediaUnreadable';
  }
}

const MAX_REDIRECTS = 3;
const MAX_NAME = 120;

const IMAGE_TYPES: Array<{ mime: string; ext: string; test: (b: Buffer) => boolean }> = [
  {
    mime: 'image/png',
    ext: '.png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10])),
  },
  { mime: 'image/jpeg', ext: '.jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mime: 'image/gif',
    ext: '.gif',
    test: (b) => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1')),
  },
  {
    mime: 'image/webp',
    ext: '.webp',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' &&
      b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

/** The image type of these bytes, or null when they are not a PNG, JPEG, GIF or WebP. */
export const sniffImage = (bytes: Buffer) => IMAGE_TYPES.find((type) => type.test(bytes)) ?? null;

const tooBig = (max: number) =>
  `larger than limits.import.imageBytes (${max.toLocaleString('en-US')} bytes)`;

const nameOf = (pathname: string, ext: string) => {
  let base = pathname.slice(pathname.lastIndexOf('/') + 1);
  try {
    base = decodeURIComponent(base);
  } catch {
    // Keep it encoded.
  }
  const stem = base
    .replace(/\.[^.]*$/, '')
    .replace(/[^\w.-]+/g, '-')
    .slice(0, MAX_NAME);
  return `${stem || 'image'}${ext}`;
};

const asImage = (bytes: Buffer, pathname: string): ImageFile => {
  const type = sniffImage(bytes);
  if (!type) throw new MediaUnreadable('not a PNG, JPEG, GIF or WebP image');
  return { bytes, mime: type.mime, ext: type.ext, name: nameOf(pathname, type.ext) };
};

/**
 * The file of an image URL in the uploads folder: its path after `wp-content/uploads/` (or on a
 * `*.files.wordpress.com` host), each segment decoded once. Null when the URL has no such part;
 * a MediaUnreadable when a segment would climb out of the folder.
 */
export const uploadsPathOf = (url: URL): string[] | null => {
  const marker = '/wp-content/uploads/';
  const at = url.pathname.indexOf(marker);
  let rest: string;
  if (at >= 0) rest = url.pathname.slice(at + marker.length);
  else if (url.hostname.endsWith('.files.wordpress.com')) rest = url.pathname.slice(1);
  else return null;
  const segments = rest.split('/').map((segment) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw new MediaUnreadable('its path is not valid URL encoding');
    }
    if (
      decoded === '..' ||
      decoded === '.' ||
      /[/\\\0]/.test(decoded) ||
      (decoded === '' && segment !== '')
    ) {
      throw new MediaUnreadable('its path leaves the uploads folder');
    }
    return decoded;
  });
  return segments.filter(Boolean).length ? segments.filter(Boolean) : null;
};

/** The image at `segments` under `root` (a real path), never outside it; null when absent. */
const readLocal = async (root: string, segments: string[], maxBytes: number) => {
  const target = path.join(root, ...segments);
  let real: string;
  try {
    real = await fs.promises.realpath(target);
  } catch {
    return null;
  }
  if (real !== root && !real.startsWith(root + path.sep)) {
    throw new MediaUnreadable('its path leaves the uploads folder');
  }
  const handle = await fs.promises.open(real, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new MediaUnreadable('not a file in the uploads folder');
    if (stat.size > maxBytes) throw new MediaUnreadable(tooBig(maxBytes));
    const bytes = Buffer.alloc(stat.size);
    const { bytesRead } = await handle.read(bytes, 0, stat.size, 0);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
};

/** A DNS lookup that refuses private addresses, so the connection goes only where checked. */
const guardedLookup =
  (allowPrivate: boolean): net.LookupFunction =>
  (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses as dns.LookupAddress[];
      const refused = list.find((a) => !allowPrivate && isPrivateAddress(a.address));
      if (refused || !list.length) {
        const denied = new MediaUnreadable(
          `its host ${hostname} is a private, loopback or link-local address (${refused?.address ?? 'none'})`
        );
        return callback(denied as NodeJS.ErrnoException, '', 4);
      }
      if ((options as { all?: boolean }).all) {
        return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      }
      return callback(null, list[0].address, list[0].family);
    });
  };

/** One GET, bounded; answers the body, or a redirect's location. */
const get = (url: URL, options: MediaReadOptions, signal: AbortSignal) =>
  new Promise<{ bytes: Buffer } | { location: string }>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.get(
      url,
      {
        lookup: guardedLookup(options.allowPrivateAddresses),
        signal,
        headers: { accept: 'image/png,image/jpeg,image/gif,image/webp' },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume();
          resolve({ location: response.headers.location });
          return;
        }
        if (status !== 200) {
          response.resume();
          reject(new MediaUnreadable(`the server answered ${status}`));
          return;
        }
        const type = String(response.headers['content-type'] ?? '').toLowerCase();
        if (!IMAGE_TYPES.some((t) => type.startsWith(t.mime))) {
          response.resume();
          reject(new MediaUnreadable(`not an image the import takes (${type || 'no type'})`));
          return;
        }
        if (Number(response.headers['content-length'] ?? 0) > options.maxBytes) {
          response.destroy();
          reject(new MediaUnreadable(tooBig(options.maxBytes)));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            response.destroy();
            reject(new MediaUnreadable(tooBig(options.maxBytes)));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ bytes: Buffer.concat(chunks) }));
        response.on('error', reject);
      }
    );
    request.on('error', reject);
  });

const download = async (start: URL, options: MediaReadOptions): Promise<Buffer> => {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = start;
  for (let redirects = 0; ; redirects += 1) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new MediaUnreadable('only http and https URLs are fetched');
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host) && !options.allowPrivateAddresses && isPrivateAddress(host)) {
      throw new MediaUnreadable(`its host ${host} is a private, loopback or link-local address`);
    }
    let answer: { bytes: Buffer } | { location: string };
    try {
      answer = await get(url, options, signal);
    } catch (error) {
      if (error instanceof MediaUnreadable) throw error;
      if (signal.aborted) {
        throw new MediaUnreadable(
          `no answer within ${options.timeoutMs} ms (import.fetchTimeoutMs)`
        );
      }
      const code = (error as NodeJS.ErrnoException).code;
      throw new MediaUnreadable(`unreachable (${code ?? (error as Error).message})`);
    }
    if ('bytes' in answer) return answer.bytes;
    if (redirects >= MAX_REDIRECTS) throw new MediaUnreadable('too many redirects');
    url = new URL(answer.location, url);
  }
};

/** Reads the image at `src` (see above); throws MediaUnreadable with why it could not. */
export const readImage = async (src: string, options: MediaReadOptions): Promise<ImageFile> => {
  let url: URL;
  const relative = src.startsWith('/') && !src.startsWith('//');
  try {
    url = new URL(src, relative ? 'relative:/' : undefined);
  } catch {
    throw new MediaUnreadable('not a URL');
  }
  if (options.uploadsDir) {
    const segments = uploadsPathOf(url);
    const bytes = segments && (await readLocal(options.uploadsDir, segments, options.maxBytes));
    // Not in the folder: over HTTP, as without one.
    if (bytes) return asImage(bytes, url.pathname);
  }
  if (relative) throw new MediaUnreadable('a relative URL, not in the uploads folder');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new MediaUnreadable('only http and https URLs are fetched');
  }
  return asImage(await download(url, options), url.pathname);
};
