import comment from './comment';
import moderation from './moderation';
import post from './post';
import settings from './settings';

export default { post, comment, moderation, settings };
