import 'reflect-metadata';
export * from './signer.js';
