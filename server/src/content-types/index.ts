import postSchema from './post/schema.json';
import commentSchema from './comment/schema.json';

export default {
  post: { schema: postSchema },
  comment: { schema: commentSchema },
};
