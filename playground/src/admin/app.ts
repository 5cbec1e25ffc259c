/**
 * Strapi 5.54's admin shows a dismissible "Introducing the new Media Library … Read blog post"
 * banner above every page (`MediaLibraryBanner` in @strapi/admin, a link to strapi.io); no
 * config turns it off, only its dismissal, kept in the browser's localStorage under
 * `STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_<legacy flag>:<project uuid>`. The demo records it
 * as dismissed before the admin renders. Its uuid is `false` (telemetry is off in package.json)
 * and `undefined` until the admin's init answer arrives; the legacy flag (which words the banner
 * differently) is either.
 */
const BANNER_DISMISSED = ['false', 'true'].flatMap((legacy) =>
  ['false', 'undefined'].map(
    (uuid) => `STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_${legacy}:${uuid}`
  )
);

export default {
  config: {
    // No call to GitHub for release notes: the demo runs offline.
    notifications: { releases: false },
  },
  bootstrap() {
    for (const key of BANNER_DISMISSED) window.localStorage.setItem(key, 'true');
  },
};
