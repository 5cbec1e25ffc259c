import postSchema from './post/schema.json';
import commentSchema from './comment/schema.json';
import moderationEventSchema from './moderation-event/schema.json';

export default {
  post: { schema: postSchema },
  comment: { schema: commentSchema },
  'moderation-event': { schema: moderationEventSchema },
};
