/** Unit, integration and browser tests. Azurite is started once per run by test/support/global-setup. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }],
  },
  // The package's main entry is ESM that Node cannot resolve; the UMD build works in Node.
  // strip-bom 5 (under @microsoft/app-manifest) is ESM-only; let swc compile it for jest.
  transformIgnorePatterns: ['/node_modules/(?!(.*/node_modules/)?strip-bom/)'],
  moduleNameMapper: { '^adaptivecards$': 'adaptivecards/dist/adaptivecards.js' },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 20000,
};
