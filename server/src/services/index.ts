import comments, { type CommentsService } from './comments';
import contentManagerLayout, { type ContentManagerLayoutService } from './content-manager-layout';
import permissions, { type PermissionsService } from './permissions';
import posts, { type PostsService } from './posts';

export interface Services {
  posts: PostsService;
  comments: CommentsService;
  contentManagerLayout: ContentManagerLayoutService;
  permissions: PermissionsService;
}

export default { posts, comments, contentManagerLayout, permissions };
