export * from './column';
export * from './role';
export * from './source';
export * from './table';
export * from './finding';
export * from './summary';
export * from './settings';
export * from './curve';
