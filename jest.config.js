// One jest run, three kinds of tests (see test/README.md). Each project only
// differs in where its tests live and what environment they need.
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2020' } }] };
// Built bundles (dist/) each carry a package.json; jest must not map them as modules.
const base = { transform, moduleFileExtensions: ['ts', 'js', 'json'], modulePathIgnorePatterns: ['<rootDir>/dist/'] };

module.exports = {
  // Cloud tests start function instances (a cold start is ~0.5 s each) on a 2-core machine.
  testTimeout: 30000,
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
      setupFilesAfterEnv: ['<rootDir>/test/miniprogram/payloads.ts'],
      // Bare imports from miniprogram/ resolve as WeChat does, to the built miniprogram_npm, so
      // tests run the npm code that ships. Listed first: jest searches each name up the whole tree in turn.
      moduleDirectories: ['miniprogram_npm', 'node_modules'],
      testMatch: ['<rootDir>/test/miniprogram/**/*.test.ts'],
    },
    // The web console in Debian's Chromium (playwright-core), against a real local cloud.
    { ...base, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
