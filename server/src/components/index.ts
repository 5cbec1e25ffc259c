import { LESSON_COMPONENT_UID, SEO_COMPONENT_UID } from '../../../contracts/plugin';

import lesson from './lesson.json';
import seo from './seo.json';

/** The plugin's components, keyed by the uid they are registered under. */
export default {
  [LESSON_COMPONENT_UID]: lesson,
  [SEO_COMPONENT_UID]: seo,
};
