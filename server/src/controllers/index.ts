import comment from './comment';
import lessons from './lessons';
import moderation from './moderation';
import post from './post';
import settings from './settings';

export default { post, comment, lessons, moderation, settings };
