import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The test epoch's day (test/support/clock.ts) is read once, here, for the whole run: a run that crosses midnight UTC
// would otherwise put a world made before midnight and a fixture made after it a day apart.
const today = new Date().toISOString().slice(0, 10);
const epochDay = process.env.TEST_EPOCH || today;
// On another day than today, every test process and every Node process it starts reads its clock on that day
// (test/support/shifted-clock.cjs): set here, before the workers are forked, so that they inherit it.
const clockShiftMs = Date.parse(epochDay) - Date.parse(today);
if (clockShiftMs !== 0 && !Number.isNaN(clockShiftMs)) {
  process.env.TEST_CLOCK_SHIFT_MS = String(clockShiftMs);
  const preload = `--require "${fileURLToPath(new URL("./test/support/shifted-clock.cjs", import.meta.url))}"`;
  process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, preload].filter(Boolean).join(" ");
}

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
    env: { TEST_EPOCH: epochDay },
  },
});
