import fs from 'fs';
import path from 'path';

/**
 * WordPress's own theme unit test export (../shared/fixtures next to the project, or the file
 * `BLOG_THEME_DATA` names: a checkout elsewhere). CI has it; a test that needs it says so in its
 * name and is skipped when it is absent.
 */
export const THEME_DATA =
  process.env.BLOG_THEME_DATA ??
  path.resolve(
    __dirname,
    '..',
    '..',
    '..',
    'shared',
    'fixtures',
    'themeunittestdata.wordpress.xml'
  );

export const hasThemeData = () => fs.existsSync(THEME_DATA);

/** The test's name, saying why it is skipped when the file is absent. */
export const themeDataTestName = (name: string) =>
  hasThemeData() ? name : `${name} (skipped: ${THEME_DATA} is absent)`;
