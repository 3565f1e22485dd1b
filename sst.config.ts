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
      // Every stage deploys to this region, whatever the deploying shell's AWS_REGION or profile says: without it
      // SST takes the shell's, and a deploy or `sst shell` from another default region would address a separate,
      // empty copy of the stage. A literal, because SST refuses top-level imports in this file and app() runs
      // before run(); it is `DEPLOY_REGION` in stacks/stages.ts, the region bench/README.md prices, and
      // test/infra/sst-config.test.ts keeps the three equal.
      providers: { aws: { region: "us-east-1" } },
    };
  },
  async run() {
    // AWS's schedule for the functions' runtime, against today: a warning within 180 days of its deprecation
    // (stacks/lambda-runtimes.ts; `npm run runtime:check` prints the same before a deploy).
    const runtimes = await import("./stacks/lambda-runtimes");
    const notice = runtimes.runtimeNotice(runtimes.LAMBDA_RUNTIME, new Date());
    if (notice.level !== "ok") console.warn(notice.message);

    const storage = await import("./stacks/storage");
    const api = await import("./stacks/api");

    const tables = storage.createTables();
    const { url, alarmTopicArn } = api.createApi(tables);

    // The alarms' topic only where there are alarms (production): its ARN is what the on-call subscribes to.
    return alarmTopicArn ? { url, alarmTopicArn } : { url };
  },
});
