// One jest run, three kinds of tests (see test/README.md). Each project only
// differs in where its tests live and what environment they need.
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2020' } }] };
const base = { transform, moduleFileExtensions: ['ts', 'js', 'json'], testTimeout: 30000 };

module.exports = {
  reporters: ['default', ['<rootDir>/test/summary-reporter.js', {}]],
  projects: [
    { ...base, displayName: 'unit', testEnvironment: 'node', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'emulator', testEnvironment: 'node', testMatch: ['<rootDir>/test/emulator/**/*.test.ts'] },
    { ...base, displayName: 'cloud', testEnvironment: 'node', testMatch: ['<rootDir>/test/cloud/**/*.test.ts'] },
    {
      ...base,
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      setupFiles: ['<rootDir>/test/miniprogram/setup.ts'],
      // Bare imports from miniprogram/ resolve as WeChat does, to the built miniprogram_npm, so
      // tests run the npm code that ships. Listed first: jest searches each name up the whole tree in turn.
      moduleDirectories: ['miniprogram_npm', 'node_modules'],
      testMatch: ['<rootDir>/test/miniprogram/**/*.test.ts'],
    },
  ],
};
