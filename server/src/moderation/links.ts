/** Web addresses in a plain-text comment: `http(s)://…` and bare `www.…`, as readers paste them. */
const LINK = /(?:\bhttps?:\/\/|(?<![\p{L}\p{N}.@-])www\.)[^\s<>"']+/giu;

export const countLinks = (text: string): number => (text.match(LINK) ?? []).length;
