import { inject } from "vitest";
import { tableEnv, type TableNames } from "@seller-ops/db";

// Runs before each test file's imports: point the service's configuration at the run's tables.
process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
Object.assign(process.env, tableEnv(inject("tableNames") as TableNames));
process.env.LOG_LEVEL ??= "silent";
// CloudWatch embedded metrics (EMF lines on stdout) are muted like the logs; test/jobs/metrics.test.ts turns them on.
process.env.METRICS_DISABLED ??= "true";
process.env.APP_MODE = "development";
