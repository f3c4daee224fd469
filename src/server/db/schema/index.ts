export * from './accounts';
export * from './council';
export * from './study-groups';
export * from './platform';
export * from './meetings';
export * from './agenda';
export * from './drafts';
export * from './deliberation';
