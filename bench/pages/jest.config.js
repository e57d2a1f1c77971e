// `npm run bench:pages`: the mini-program's heaviest pages rendered by miniprogram-simulate,
// with the same setup as the page tests (test/miniprogram/setup.ts). Not part of `npm test`:
// it measures, and prints one JSON line on stdout (jest's own report goes to stderr).
const path = require('node:path');
const root = path.resolve(__dirname, '../..');

module.exports = {
  rootDir: root,
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2020' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testEnvironment: 'jsdom',
  setupFiles: ['<rootDir>/test/miniprogram/setup.ts'],
  moduleDirectories: ['miniprogram_npm', 'node_modules'],
  testMatch: ['<rootDir>/bench/pages/*.bench.ts'],
  testTimeout: 60000,
};
