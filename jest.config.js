/** Unit, integration and browser tests. Azurite is started once per run by test/support/global-setup. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }],
  },
  // The package's main entry is ESM that Node cannot resolve; the UMD build works in Node.
  // strip-bom 5 (under @microsoft/app-manifest) and jose 6 are ESM-only; let swc compile them for
  // jest (Node >= 20.19 itself loads them with require).
  transformIgnorePatterns: ['/node_modules/(?!(.*/node_modules/)?(strip-bom|jose)/)'],
  moduleNameMapper: { '^adaptivecards$': 'adaptivecards/dist/adaptivecards.js' },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 20000,
};
