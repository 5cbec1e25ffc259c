export * from './common';
export * from './posts';
export * from './comments';
export * from './moderation';
export * from './lessons';
export * from './imports';
export * from './escape';
export * from './blocks-html';
