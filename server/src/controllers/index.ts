import comment from './comment';
import post from './post';

export default { post, comment };
