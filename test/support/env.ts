import { inject } from "vitest";
import { tableLinkEnv, type TableNames } from "@seller-ops/db";

// Runs before each test file's imports: link the run's tables the way `sst shell` links a stage's.
process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
Object.assign(process.env, tableLinkEnv(inject("tableNames") as TableNames));
process.env.LOG_LEVEL ??= "silent";
// CloudWatch embedded metrics (EMF lines on stdout) are muted like the logs; test/jobs/metrics.test.ts turns them on.
process.env.METRICS_DISABLED ??= "true";
process.env.APP_MODE = "development";
