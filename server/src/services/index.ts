import comments, { type CommentsService } from './comments';
import contentManagerLayout, { type ContentManagerLayoutService } from './content-manager-layout';
import feeds, { type FeedsService } from './feeds';
import flood, { type FloodService } from './flood';
import importJobs, { type ImportJobsService } from './import-jobs';
import importer, { type ImporterService } from './importer';
import mail, { type MailService } from './mail';
import moderation, { type ModerationService } from './moderation';
import moderationEvents, { type ModerationEventsService } from './moderation-events';
import moderationQueue, { type ModerationQueueService } from './moderation-queue';
import moderatorReplies, { type ModeratorRepliesService } from './moderator-replies';
import notifications, { type NotificationsService } from './notifications';
import permissions, { type PermissionsService } from './permissions';
import posts, { type PostsService } from './posts';
import preview, { type PreviewService } from './preview';
import publicCache, { type PublicCacheService } from './public-cache';
import readerActions, { type ReaderActionsService } from './reader-actions';
import schedules, { type SchedulesService } from './schedules';
import reports, { type ReportsService } from './reports';
import settings, { type SettingsService } from './settings';
import sitemap, { type SitemapService } from './sitemap';
import taxonomy, { type TaxonomyService } from './taxonomy';

export interface Services {
  posts: PostsService;
  preview: PreviewService;
  publicCache: PublicCacheService;
  readerActions: ReaderActionsService;
  comments: CommentsService;
  contentManagerLayout: ContentManagerLayoutService;
  feeds: FeedsService;
  flood: FloodService;
  importer: ImporterService;
  importJobs: ImportJobsService;
  mail: MailService;
  moderation: ModerationService;
  moderationEvents: ModerationEventsService;
  moderationQueue: ModerationQueueService;
  moderatorReplies: ModeratorRepliesService;
  notifications: NotificationsService;
  permissions: PermissionsService;
  reports: ReportsService;
  settings: SettingsService;
  taxonomy: TaxonomyService;
  sitemap: SitemapService;
  schedules: SchedulesService;
}

export default {
  posts,
  preview,
  publicCache,
  readerActions,
  comments,
  contentManagerLayout,
  feeds,
  flood,
  importer,
  importJobs,
  mail,
  moderation,
  moderationEvents,
  moderationQueue,
  moderatorReplies,
  notifications,
  permissions,
  reports,
  settings,
  taxonomy,
  sitemap,
  schedules,
};
