import comment from './comment';
import imports from './imports';
import lessons from './lessons';
import moderation from './moderation';
import post from './post';
import settings from './settings';

export default { post, comment, imports, lessons, moderation, settings };
