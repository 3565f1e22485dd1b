import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Apollo Server loads graphql's CommonJS build; make our imports use the same copy (vite
    // would otherwise pick the ESM build and graphql refuses two instances of itself).
    alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // DynamoDB Local is started once per run; every file shares it with unique ids per test.
    globalSetup: ["test/support/global-setup.ts"],
    // The TTL guard fails a test that writes an item already expired in real time (see its header).
    setupFiles: ["test/support/env.ts", "test/support/ttl-guard.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // The test epoch's day (test/support/clock.ts) is read once, here, for the whole run: a run that crosses
    // midnight UTC would otherwise put a world made before midnight and a fixture made after it a day apart.
    env: { TEST_EPOCH: process.env.TEST_EPOCH ?? new Date().toISOString().slice(0, 10) },
  },
});
