export * from './common';
export * from './posts';
export * from './comments';
