export {};
export * from './appearance/index.js';
export * from './validate/index.js';
