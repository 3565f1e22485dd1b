/// <reference path="./.sst/platform/config.d.ts" />

/**
 * SST v4 app: Lambda behind an API Gateway HTTP API, over DynamoDB. The stacks are built from
 * plain data (`packages/db/src/specs.ts`, `stacks/wiring.ts`) that is tested without the CLI.
 */
export default $config({
  app(input) {
    return {
      name: "seller-ops",
      removal: input?.stage === "production" ? "retain" : "remove",
      protect: input?.stage === "production",
      home: "aws",
    };
  },
  async run() {
    const storage = await import("./stacks/storage");
    const api = await import("./stacks/api");

    const tables = storage.createTables();
    const { url } = api.createApi(tables);

    return { url };
  },
});
