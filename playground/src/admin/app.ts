export default {
  config: {
    // No call to GitHub for release notes: the demo runs offline.
    notifications: { releases: false },
  },
  bootstrap() {},
};
