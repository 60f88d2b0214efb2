export * from './objects.js';
export * from './errors.js';
