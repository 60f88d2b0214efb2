export * from './appearance/index.js';
export * from './validate/index.js';
export * from './sign/index.js';
export * from './diff/index.js';
