export {};
export * from './appearance/index.js';
