import comments, { type CommentsService } from './comments';
import permissions, { type PermissionsService } from './permissions';
import posts, { type PostsService } from './posts';

export interface Services {
  posts: PostsService;
  comments: CommentsService;
  permissions: PermissionsService;
}

export default { posts, comments, permissions };
