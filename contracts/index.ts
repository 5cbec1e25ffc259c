export * from './common';
export * from './posts';
export * from './comments';
export * from './moderation';
export * from './lessons';
export * from './imports';
