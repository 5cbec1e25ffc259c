import postSchema from './post/schema.json';
import commentSchema from './comment/schema.json';
import moderationEventSchema from './moderation-event/schema.json';
import categorySchema from './category/schema.json';
import tagSchema from './tag/schema.json';
import authorSchema from './author/schema.json';

export default {
  post: { schema: postSchema },
  comment: { schema: commentSchema },
  'moderation-event': { schema: moderationEventSchema },
  category: { schema: categorySchema },
  tag: { schema: tagSchema },
  author: { schema: authorSchema },
};
