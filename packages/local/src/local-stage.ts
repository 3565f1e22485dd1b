import { localTableNames, tableLinkEnv } from "@seller-ops/db";

/**
 * The environment the handlers run with on the local stage, the one place `npm start` and
 * `npm run job` take it from: a job run by hand must see the same configuration as the running
 * API, or it refuses what the API accepted (a webhook endpoint on localhost, say).
 */
export function localStageEnv(args: { endpoint: string; tablePrefix: string }): Record<string, string> {
  return {
    DYNAMODB_ENDPOINT: args.endpoint,
    ...tableLinkEnv(localTableNames(args.tablePrefix)),
    APP_MODE: "development",
    // Local webhook endpoints (http://localhost…): a partner receives deliveries on its own machine.
    WEBHOOKS_ALLOW_LOCAL_ENDPOINTS: "true",
  };
}
