/** The seed post's five lessons, as the browser tests read them on a page. */
export const SEED_LESSONS = [
  'A network for the fun a meeting new people... and make true friends.',
  'A network to share stories, tips and tricks.',
  'A network to learn.',
  'A network to find help, unexpectedly, surprisingly.',
  'A network to find a job ...when someone will offer you one!',
];
