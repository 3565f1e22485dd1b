import { describe, expect, it } from "vitest";
import { configFromEnv } from "@seller-ops/api";
import { localStageEnv } from "../../packages/local/src/local-stage";

describe("the local stage's environment", () => {
  // `npm start` and `npm run job` both take it from localStageEnv: a job run by hand configured
  // otherwise refused the localhost endpoints the running API had accepted.
  it("is development with local webhook endpoints allowed, for the API and the jobs alike", () => {
    const env = localStageEnv({ endpoint: "http://127.0.0.1:8000", tablePrefix: "local" });
    const config = configFromEnv(env);
    expect(config.mode).toBe("development");
    expect(config.webhooks.allowLocalEndpoints).toBe(true);
    expect(env.DYNAMODB_ENDPOINT).toBe("http://127.0.0.1:8000");
    expect(JSON.parse(env.SST_RESOURCE_Orders ?? "{}")).toMatchObject({ name: "local-Orders" });
  });
});
