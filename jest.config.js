/** One jest run, five layers. Each layer is a project so it can run alone:
 *  npx jest --selectProjects unit  (unit | emulator | functions | weapp | e2e) */
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2020' } },
  ],
};
const moduleNameMapper = { '^@contract/(.*)$': '<rootDir>/contract/$1', '^@/(.*)$': '<rootDir>/src/$1' };
const base = { transform, moduleNameMapper, rootDir: __dirname, testEnvironment: 'node' };

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'emulator', testMatch: ['<rootDir>/test/emulator/**/*.test.ts'] },
    { ...base, displayName: 'functions', testMatch: ['<rootDir>/test/functions/**/*.test.ts'] },
    { ...base, displayName: 'weapp', testMatch: ['<rootDir>/test/weapp/**/*.test.ts'], testEnvironment: 'jsdom' },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    { ...base, displayName: 'package', testMatch: ['<rootDir>/test/package/**/*.test.ts'] },
  ],
};
