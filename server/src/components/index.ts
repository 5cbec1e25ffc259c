import lesson from './lesson.json';
import seo from './seo.json';

/** The plugin's components, keyed by the uid they are registered under. */
export default {
  'blog.lesson': lesson,
  'blog.seo': seo,
};
