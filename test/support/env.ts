import { inject } from "vitest";
import { tableEnv, type TableNames } from "@seller-ops/db";

// Runs before each test file's imports: point the service's configuration at the run's tables.
process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
Object.assign(process.env, tableEnv(inject("tableNames") as TableNames));
process.env.LOG_LEVEL ??= "silent";
process.env.APP_MODE = "development";
