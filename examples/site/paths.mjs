/**
 * The site's addresses. The language is the first part of the path: `/fr/posts/:slug` is the
 * French version, `/posts/:slug` the API's default language (no `locale` sent to the API). Every
 * link a page writes keeps the prefix of the page it is on.
 */

/** A locale code as the API takes it (BCP 47 shape, short): `en`, `fr`, `fr-CA`, `pt-br`. */
const LOCALE_CODE = /^[a-z]{2,3}(?:-[a-z\d]{2,8}){0,4}$/i;

/** `fr` out of `/fr/...`, or null when the path does not start with a locale code. */
export const splitLocale = (pathname) => {
  const slash = pathname.indexOf('/', 1);
  const first = slash === -1 ? pathname.slice(1) : pathname.slice(1, slash);
  if (first.length > 35 || !LOCALE_CODE.test(first)) return { locale: null, rest: pathname };
  return { locale: first, rest: slash === -1 ? '/' : pathname.slice(slash) };
};

const segment = (value) => encodeURIComponent(String(value));

/** The site's links for one language (`locale` null: the unprefixed, default language). */
export const pathsFor = (locale) => {
  const prefix = locale ? `/${segment(locale)}` : '';
  return {
    locale,
    home: (page = 1) => `${prefix}/${page > 1 ? `?page=${page}` : ''}`,
    post: (slug) => `${prefix}/posts/${segment(slug)}`,
    categories: () => `${prefix}/categories`,
    category: (slug) => `${prefix}/categories/${segment(slug)}`,
    tags: () => `${prefix}/tags`,
    tag: (slug) => `${prefix}/tags/${segment(slug)}`,
    author: (slug) => `${prefix}/authors/${segment(slug)}`,
    /** This page's own address with another page number. */
    page: (pathname, page) => `${pathname}${page > 1 ? `?page=${page}` : ''}`,
  };
};

/** The address of a post's version in a language, always with the language in it. */
export const postInLocale = (locale, slug) => `/${segment(locale)}/posts/${segment(slug)}`;

/** The name of a language in that language (`fr` → `français`), or the code itself. */
export const languageName = (code) => {
  try {
    return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
};
