import author from './author';
import category from './category';
import comment from './comment';
import feed from './feed';
import imports from './imports';
import lessons from './lessons';
import moderation from './moderation';
import moderationLink from './moderation-link';
import post from './post';
import preview from './preview';
import reports from './reports';
import schedules from './schedules';
import settings from './settings';
import sitemap from './sitemap';
import subscription from './subscription';
import tag from './tag';

export default {
  post,
  preview,
  comment,
  feed,
  imports,
  lessons,
  moderation,
  moderationLink,
  subscription,
  reports,
  settings,
  category,
  tag,
  author,
  sitemap,
  schedules,
};
