/**
 * The client's address, as the app's proxy settings allow it to be known, in one canonical
 * text per address, and the network a flood limit keys on.
 *
 * Strapi passes `server.proxy.koa`, `server.proxy.maxIpsCount` and `server.proxy.ipHeader` to
 * Koa. With the proxy on and `maxIpsCount` 0, Koa takes the leftmost `X-Forwarded-For` entry,
 * which the client writes itself. Here, with the proxy on and no `maxIpsCount`, the rightmost
 * entry counts (what the nearest trusted proxy saw); with `maxIpsCount` n, Koa's own choice
 * (the n-th entry from the right); with the proxy off, the socket's address.
 */

/** The part of a Koa request (and its app) the choice reads. */
export interface AddressSource {
  proxy: boolean;
  maxIpsCount: number;
  /** Every entry of the proxy header, left to right (Koa's `request.ips`). */
  ips: string[];
  /** Koa's `request.ip`. */
  ip: string;
  remoteAddress: string | undefined;
}

/** Longest address text looked at: anything longer is not an address. */
const MAX_ADDRESS_LENGTH = 100;

const DECIMAL_OCTET = /^\d{1,3}$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/;

/** `a.b.c.d` in decimal (leading zeros allowed, read as decimal) → four bytes, else null. */
const parseIpv4 = (text: string): number[] | null => {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!DECIMAL_OCTET.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes.push(value);
  }
  return bytes;
};

/** An IPv6 address (`::`, an IPv4 tail) → eight 16-bit groups, else null. */
const parseIpv6 = (text: string): number[] | null => {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const readGroups = (half: string, last: boolean): number[] | null => {
    if (half === '') return [];
    const groups: number[] = [];
    const parts = half.split(':');
    for (let index = 0; index < parts.length; index += 1) {
      const part = parts[index];
      if (last && index === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part);
        if (!v4) return null;
        groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (HEX_GROUP.test(part)) {
        groups.push(parseInt(part, 16));
      } else {
        return null;
      }
    }
    return groups;
  };
  if (halves.length === 1) {
    const groups = readGroups(halves[0], true);
    return groups && groups.length === 8 ? groups : null;
  }
  const head = readGroups(halves[0], false);
  const tail = readGroups(halves[1], true);
  if (!head || !tail || head.length + tail.length > 7) return null;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
};

/** RFC 5952 text: lower case, no leading zeros, the longest run of zero groups as `::`. */
const formatIpv6 = (groups: number[]): string => {
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start += 1) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length += 1;
    if (length > bestLength) {
      bestStart = start;
      bestLength = length;
    }
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
};

/** An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) is that IPv4 address. */
const isIpv4Mapped = (groups: number[]) =>
  groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;

type Parsed = { version: 4; bytes: number[] } | { version: 6; groups: number[] };

/**
 * Reads an address as proxies write it: surrounding space, `[v6]`, `[v6]:port`, `v4:port`, a
 * zone (`%eth0`) are accepted and dropped.
 */
const parse = (value: string): Parsed | null => {
  let text = value.trim().toLowerCase();
  if (text.length === 0 || text.length > MAX_ADDRESS_LENGTH) return null;
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    if (end < 0) return null;
    const rest = text.slice(end + 1);
    if (rest !== '' && !/^:\d{1,5}$/.test(rest)) return null;
    text = text.slice(1, end);
  } else if (/^[\d.]+:\d{1,5}$/.test(text)) {
    text = text.slice(0, text.indexOf(':'));
  }
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (!text.includes(':')) {
    const bytes = parseIpv4(text);
    return bytes ? { version: 4, bytes } : null;
  }
  const groups = parseIpv6(text);
  if (!groups) return null;
  if (isIpv4Mapped(groups)) {
    return {
      version: 4,
      bytes: [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255],
    };
  }
  return { version: 6, groups };
};

/** One text per address (`010.0.0.1` → `10.0.0.1`, `::FFFF:10.0.0.1` → `10.0.0.1`); null if none. */
export const canonicalIp = (value: string): string | null => {
  const parsed = parse(value);
  if (!parsed) return null;
  return parsed.version === 4 ? parsed.bytes.join('.') : formatIpv6(parsed.groups);
};

/**
 * What the flood limit keys on: an IPv4 address whole, an IPv6 address by its /64 (one
 * subscriber's network usually has a whole /64 to pick addresses from).
 */
export const ipNetworkKey = (value: string): string | null => {
  const parsed = parse(value);
  if (!parsed) return null;
  if (parsed.version === 4) return parsed.bytes.join('.');
  return `${formatIpv6([...parsed.groups.slice(0, 4), 0, 0, 0, 0])}/64`;
};

/** The client's canonical address as the proxy settings give it (see above); null if unknown. */
export const clientIp = (source: AddressSource): string | null => {
  const raw =
    source.proxy && !(source.maxIpsCount > 0)
      ? (source.ips[source.ips.length - 1] ?? source.remoteAddress)
      : source.ip || source.remoteAddress;
  const canonical = raw === undefined ? null : canonicalIp(raw);
  if (canonical !== null) return canonical;
  return source.remoteAddress === undefined ? null : canonicalIp(source.remoteAddress);
};

/** The part of a Koa context `requestClientIp` reads. */
interface KoaLike {
  app: { proxy: boolean; maxIpsCount: number };
  request: { ips: string[]; ip: string };
  req: { socket?: { remoteAddress?: string } };
}

/** `clientIp` of a Koa request (REST and GraphQL submissions alike). */
export const requestClientIp = (ctx: KoaLike): string | null =>
  clientIp({
    proxy: ctx.app.proxy,
    maxIpsCount: ctx.app.maxIpsCount,
    ips: ctx.request.ips,
    ip: ctx.request.ip,
    remoteAddress: ctx.req.socket?.remoteAddress,
  });
