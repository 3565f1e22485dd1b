/**
 * The real SST program, synthesized: `tools/sst-synth.ts` runs `sst.config.ts` with the installed
 * SST's own components under Pulumi's mocks, for a staging stage (with a frontend identity
 * provider, so the JWT authorizer and its routes exist) and for production (as committed in
 * stacks/stages.ts). The tests assert on the resources AWS would be asked to create, and compare
 * all of them with a committed, readable snapshot, so that any infrastructure change shows in
 * review the way `sst diff` would show it. After an intended change:
 *
 *   npx vitest run test/infra/synth.test.ts -u     (then review and commit test/infra/__snapshots__/)
 */

import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  ApiKeys,
  SellersRepo,
  createDocumentClient,
  ensureTables,
  localTableNames,
  tablesFromLinks,
} from "../../packages/db/src";
import { ulid } from "ulid";
import { TABLE_NAMES, tableSpecs, type TableName } from "../../packages/db/src/specs";
import {
  alarmsFor,
  apiThrottle,
  deadLetterQueueName,
  dynamoActionsFor,
  dynamoCommandActions,
  functions,
  LAMBDA_TRUST_POLICY,
  linksFor,
  lookupOnlyFor,
  schedules,
  staleRunAgeSeconds,
  streams,
  type FunctionName,
} from "../../stacks/wiring";
import type { StageSettings } from "../../stacks/stages";
import { ensurePlatform } from "../../tools/sst-platform";
import { SYNTH_REGION, type SynthBuild, type SynthResource } from "../../tools/sst-synth";
import { dynamoUseOf, type DynamoUse } from "../support/dynamo-commands";
import { httpEvent, scheduledEvent } from "../support/events";
import { orderInput } from "../support/fixtures";
import { readFixture } from "../support/stored-items";
import { shiftedClockEnv } from "../support/shifted-clock.cjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), "synth-"));

/** The staging stage is synthesized as if stacks/stages.ts gave it a frontend identity provider. */
const STAGING_FRONTEND: StageSettings = {
  corsAllowOrigins: ["https://seller.staging.example.com"],
  jwt: { issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Synth", audiences: ["synth-app-client"] },
  jwtSellerClaim: "custom:seller_id",
};

interface Synth {
  resources: SynthResource[];
  builds: SynthBuild[];
  outputs: Record<string, unknown>;
  errors: string[];
}

function synth(stage: string, settings?: StageSettings): Promise<Synth> {
  const out = path.join(work, `${stage}.json`);
  const args = [
    path.join(root, "node_modules/tsx/dist/cli.mjs"),
    "tools/sst-synth.ts",
    stage,
    out,
    ...(settings ? [JSON.stringify(settings)] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`sst-synth ${stage} exited ${code}:\n${stderr.slice(0, 4000)}`));
      resolve(JSON.parse(readFileSync(out, "utf8")) as Synth);
    });
  });
}

const stages: Record<"staging" | "production", Synth> = {} as never;

/** What each function's code can send to DynamoDB, read from its bundle. */
const dynamoUse = {} as Record<FunctionName, DynamoUse>;

beforeAll(async () => {
  // Written once here: the two synths below would each write it on a fresh clone, at the same time.
  ensurePlatform({ quiet: true });
  const [staging, production] = await Promise.all([synth("staging", STAGING_FRONTEND), synth("production")]);
  stages.staging = staging;
  stages.production = production;
  for (const fn of Object.keys(functions) as FunctionName[]) dynamoUse[fn] = await dynamoUseOf(functions[fn]);
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const of = (s: Synth, type: string) => s.resources.filter((r) => r.type === type);
const named = (s: Synth, type: string, name: string) => {
  const found = of(s, type).find((r) => r.name === name);
  if (!found)
    throw new Error(
      `No ${type} ${name}; there are ${of(s, type)
        .map((r) => r.name)
        .join(", ")}`,
    );
  return found.inputs as Record<string, any>;
};
/** Pulumi marks secret values with a signature key; the value is under `value`. */
const unsecret = (v: any): any => (v && typeof v === "object" && "4dabf18193072939515e22adb298388d" in v ? v.value : v);
const parseJson = (v: unknown) => JSON.parse(String(unsecret(v))) as any;
const componentName = (fn: FunctionName) =>
  ({
    graphql: "Graphql",
    lateOrders: "LateOrdersHandler",
    retention: "RetentionHandler",
    caseDeadlines: "CaseDeadlinesHandler",
    webhookDispatch: "EventsSubscriberWebhookDispatchFunction",
    webhookRetries: "WebhookRetriesHandler",
  })[fn];
/** Whether a policy statement is a lookup-only table's: Query on exactly that table's one index. */
const lookupStatement = (st: any, lookups: Partial<Record<string, string>>) =>
  Object.entries(lookups).some(([table, index]) =>
    (st.resources as string[]).every((r) =>
      new RegExp(`:table/seller-ops-\\w+-${table}Table-[a-z]{8}/index/${index}$`).test(r),
    ),
  );
const seconds = (timeout: string) => {
  const [n, unit] = timeout.split(" ");
  return Number(n) * (unit!.startsWith("minute") ? 60 : 1);
};

describe.each(["staging", "production"] as const)("the %s stage, synthesized", (stage) => {
  const s = () => stages[stage];
  const production = stage === "production";

  it("runs the program to the end, with no asynchronous error", () => {
    expect(s().errors).toEqual([]);
    expect(s().outputs.url).toMatch(/^https:\/\//);
    // Production's alarms notify one SNS topic; its ARN is an output, for the on-call's subscription (README, Deploy).
    if (production) {
      const topic = of(s(), "aws:sns/topic:Topic");
      expect(topic).toHaveLength(1);
      expect(s().outputs.alarmTopicArn).toMatch(new RegExp(`^arn:aws:sns:${SYNTH_REGION}:\\d{12}:.*Alarms`));
    } else expect(s().outputs).not.toHaveProperty("alarmTopicArn");
  });

  it(
    "creates every table with its keys, indexes and TTL; point-in-time recovery always, deletion protection in " +
      "production",
    () => {
      const tables = of(s(), "aws:dynamodb/table:Table");
      expect(tables.map((t) => t.name).sort()).toEqual(TABLE_NAMES.map((t) => `${t}Table`).sort());
      for (const name of TABLE_NAMES) {
        const spec = tableSpecs[name];
        const table = named(s(), "aws:dynamodb/table:Table", `${name}Table`);
        expect(table.hashKey).toBe(spec.primaryIndex.hashKey);
        expect(table.rangeKey).toBe(spec.primaryIndex.rangeKey);
        expect(table.billingMode).toBe("PAY_PER_REQUEST");
        const indexes = Object.fromEntries(
          (table.globalSecondaryIndexes as any[]).map((i) => [
            i.name,
            { hashKey: i.hashKey, rangeKey: i.rangeKey, projection: i.projectionType },
          ]),
        );
        const projection = { all: "ALL", "keys-only": "KEYS_ONLY" } as const;
        expect(indexes).toEqual(
          Object.fromEntries(
            Object.entries(spec.globalIndexes).map(([n, i]) => [
              n,
              { hashKey: i.hashKey, rangeKey: i.rangeKey, projection: projection[i.projection ?? "all"] },
            ]),
          ),
        );
        expect(table.ttl).toEqual(spec.ttl ? { attributeName: spec.ttl, enabled: true } : undefined);
        expect(table.pointInTimeRecovery).toEqual({ enabled: true });
        expect(table.deletionProtectionEnabled).toBe(production);
      }
    },
  );

  it.each(Object.keys(functions) as FunctionName[])(
    "%s: the Lambda has its runtime, memory, timeout and exactly its environment",
    (fn) => {
      const def = functions[fn];
      const lambda = named(s(), "aws:lambda/function:Function", `${componentName(fn)}Function`);
      expect(lambda.runtime).toBe(def.runtime);
      expect(lambda.memorySize).toBe(Number(def.memory.split(" ")[0]));
      expect(lambda.timeout).toBe(seconds(def.timeout));
      const env = lambda.environment.variables as Record<string, string>;
      expect(Object.keys(env).sort()).toEqual(
        [
          "APP_MODE",
          "NODE_ENV",
          ...(fn === "graphql" ? ["JWT_SELLER_CLAIM"] : []),
          "SST_KEY",
          "SST_KEY_FILE",
          "SST_RESOURCE_App",
        ].sort(),
      );
      expect(env.APP_MODE).toBe(production ? "production" : "development");
      // The libraries' production mode on every stage (stacks/wiring.ts, environmentFor).
      expect(env.NODE_ENV).toBe("production");
      expect(env.SST_KEY_FILE).toBe("resource.enc");
    },
  );

  // What the bundle leaves out and whether it is minified reach SST's build only through these options.
  it.each(Object.keys(functions) as FunctionName[])("%s: bundled with its own build options", (fn) => {
    const build = s().builds.find((b) => b.functionID === componentName(fn));
    expect(build, `no bundle for ${fn}`).toBeDefined();
    expect(build!.properties).toMatchObject({
      minify: true,
      esbuild: { external: [...functions[fn].nodejs.esbuild.external] },
    });
  });

  it.each(Object.keys(functions) as FunctionName[])(
    "%s: linked to exactly its tables and its secrets; IAM allows only those tables",
    (fn) => {
      const build = s().builds.find((b) => b.functionID === componentName(fn));
      expect(build, `no bundle for ${fn}`).toBeDefined();
      expect(Object.keys(build!.links).sort()).toEqual([...linksFor(fn)].sort());
      // (Under the mocks a link's type carries its parent's type too: `pulumi.pulumi.Stack$sst.aws.Dynamo`.)
      for (const table of functions[fn].tables)
        expect(build!.links[table]).toMatchObject({
          type: expect.stringMatching(/sst\.aws\.Dynamo$/),
          name: expect.stringMatching(new RegExp(`^seller-ops-${stage}-${table}Table-`)),
        });
      for (const secret of functions[fn].secrets)
        expect(build!.links[secret]).toMatchObject({
          type: expect.stringMatching(/sst\.sst\.Secret$/),
          value: "synth-secret-value",
        });

      const role = named(s(), "aws:iam/role:Role", `${componentName(fn)}Role`);
      const statements = (role.inlinePolicies as any[]).flatMap((p) => parseJson(p.policy).Statement as any[]);
      const dynamo = statements.filter((st) => (st.actions as string[]).some((a) => a.startsWith("dynamodb:")));
      const tablesAllowed = new Set(
        dynamo
          .flatMap((st) => st.resources as string[])
          .map((arn) => /table\/seller-ops-\w+-(\w+)Table-/.exec(arn)?.[1]),
      );
      expect([...tablesAllowed].sort()).toEqual([...functions[fn].tables].sort());
    },
  );

  // SST's link of a table alone would allow `dynamodb:*` on it and all under it (DeleteTable, UpdateTable, backups,
  // exports): each role gets only the actions of the commands its code sends (stacks/wiring.ts).
  it.each(Object.keys(functions) as FunctionName[])(
    "%s: IAM allows only the DynamoDB actions its code sends, on its tables and their indexes",
    (fn) => {
      const role = named(s(), "aws:iam/role:Role", `${componentName(fn)}Role`);
      const statements = (role.inlinePolicies as any[]).flatMap((p) => parseJson(p.policy).Statement as any[]);
      const dynamo = statements.filter((st) => (st.actions as string[]).some((a) => a.startsWith("dynamodb:")));
      const onStream = (st: any) => (st.resources as string[]).some((arn) => arn.includes("/stream/"));

      // What the code needs: every command it constructs is one whose IAM actions are known, and listed.
      const use = dynamoUse[fn];
      const unknown = use.commands.filter((c) => !(c in dynamoCommandActions));
      expect(unknown, "commands without IAM actions: add them to dynamoCommandActions (stacks/wiring.ts)").toEqual([]);
      expect([...functions[fn].dynamoCommands].sort(), "the commands its bundle sends (stacks/wiring.ts)").toEqual(
        use.commands,
      );
      const needed = new Set<string>(
        use.commands.flatMap((c) => dynamoCommandActions[c as keyof typeof dynamoCommandActions]),
      );
      if (use.conditionCheck) needed.add("dynamodb:ConditionCheckItem");

      // What the role may do on its tables: exactly that, on each table and its indexes, nothing more.
      const onTables = dynamo.filter((st) => !onStream(st));
      const actions = [...new Set(onTables.flatMap((st) => st.actions as string[]))].sort();
      expect(actions).not.toContain("dynamodb:*");
      expect(actions).toEqual([...needed].sort());
      expect(actions).toEqual(dynamoActionsFor(fn));
      const tableArn = (table: string) =>
        new RegExp(`^arn:aws:dynamodb:${SYNTH_REGION}:\\d{12}:table/seller-ops-${stage}-${table}Table-[a-z]{8}$`);
      // A table it only looks up through one index: Query on that index, and its code names the table nowhere else.
      const lookups = lookupOnlyFor(fn);
      const onIndex = (table: string, index: string) =>
        new RegExp(
          `^arn:aws:dynamodb:${SYNTH_REGION}:\\d{12}:table/seller-ops-${stage}-${table}Table-[a-z]{8}/index/${index}$`,
        );
      for (const [table, index] of Object.entries(lookups)) {
        expect(use.computedTable, "a table picked by a computed name could be any table").toBe(false);
        expect(use.tablesTakenOtherwise, "table names taken other than as db.tables.Name").toEqual([]);
        expect(use.tableUses[table], `${table}: named only as the table of a Query on ${index}`).toEqual(
          (use.tableUses[table] ?? []).map(() => `QueryCommand on ${index}`),
        );
        expect(use.tableUses[table]?.length, `${table} is used`).toBeGreaterThan(0);
        const lookup = onTables.filter((st) => (st.resources as string[]).some((r) => onIndex(table, index).test(r)));
        expect(lookup).toEqual([{ actions: ["dynamodb:Query"], effect: "Allow", resources: [expect.any(String)] }]);
      }
      const full = onTables.filter((st) => !lookupStatement(st, lookups));
      expect([...new Set(full.flatMap((st) => st.actions as string[]))].sort()).toEqual([...needed].sort());
      const resources = full.flatMap((st) => st.resources as string[]);
      const fullTables = functions[fn].tables.filter((table) => !(table in lookups));
      expect(resources).toHaveLength(fullTables.length * 2);
      for (const table of fullTables) {
        const arn = resources.find((r) => tableArn(table).test(r));
        expect(arn, `${table} table`).toBeDefined();
        expect(resources).toContain(`${arn}/index/*`);
      }
      for (const st of onTables) expect(st.effect ?? "Allow").toBe("Allow");

      // The stream reads of an event source mapping: only the subscriber's, only on its table's stream.
      const subscribed = streams.filter((stream) => stream.function === fn);
      expect(dynamo.filter(onStream)).toEqual(
        subscribed.map((stream) => ({
          actions: [
            "dynamodb:DescribeStream",
            "dynamodb:GetRecords",
            "dynamodb:GetShardIterator",
            "dynamodb:ListStreams",
          ],
          effect: "Allow",
          resources: [
            expect.stringMatching(new RegExp(`:table/seller-ops-${stage}-${stream.table}Table-[a-z]{8}/stream/`)),
          ],
        })),
      );
    },
  );

  // SST's Function would also let the whole account assume the role (its `sst dev` policy, chosen by `!dev` on an
  // Output, which is always truthy): a deployed function's role trusts the Lambda service alone (stacks/wiring.ts,
  // LAMBDA_TRUST_POLICY), and no role of the stage trusts an account root.
  it.each(Object.keys(functions) as FunctionName[])("%s: only the Lambda service may assume its role", (fn) => {
    const role = named(s(), "aws:iam/role:Role", `${componentName(fn)}Role`);
    expect(parseJson(role.assumeRolePolicy)).toEqual(LAMBDA_TRUST_POLICY);
  });

  it("no role of the stage trusts an AWS account", () => {
    const roles = of(s(), "aws:iam/role:Role");
    expect(roles.length).toBeGreaterThan(Object.keys(functions).length);
    for (const role of roles) {
      const policy = unsecret(role.inputs.assumeRolePolicy);
      const trust = typeof policy === "string" ? policy : JSON.stringify(policy);
      expect(trust, role.name).not.toMatch(/arn:aws:iam::\d{12}:root/);
      expect(trust, role.name).not.toMatch(/"AWS"/);
    }
  });

  it(
    "routes: /graphql with API keys; /app/graphql behind the JWT authorizer when the stage names an identity " +
      "provider",
    () => {
      const routes = Object.fromEntries(
        of(s(), "aws:apigatewayv2/route:Route").map((r) => [
          r.inputs.routeKey as string,
          r.inputs as Record<string, any>,
        ]),
      );
      const authorizers = of(s(), "aws:apigatewayv2/authorizer:Authorizer");
      if (production) {
        expect(Object.keys(routes).sort()).toEqual(["GET /graphql", "POST /graphql"]);
        expect(authorizers).toEqual([]);
      } else {
        expect(Object.keys(routes).sort()).toEqual([
          "GET /app/graphql",
          "GET /graphql",
          "POST /app/graphql",
          "POST /graphql",
        ]);
        expect(authorizers).toHaveLength(1);
        const jwt = authorizers[0]!.inputs as Record<string, any>;
        expect(jwt.authorizerType).toBe("JWT");
        expect(jwt.jwtConfiguration).toEqual({
          issuer: STAGING_FRONTEND.jwt!.issuer,
          audiences: STAGING_FRONTEND.jwt!.audiences,
        });
        for (const key of ["GET /app/graphql", "POST /app/graphql"])
          expect(routes[key]).toMatchObject({ authorizationType: "JWT" });
      }
      for (const key of ["GET /graphql", "POST /graphql"])
        expect(routes[key]!.authorizationType ?? "NONE").toBe("NONE");
    },
  );

  // A runaway client would otherwise take the account's Lambda concurrency through the API, and the jobs and the
  // stream handler with it; reserving concurrency instead would fail the deploy on a new account (stacks/wiring.ts).
  it("the API's stage throttles every route to apiThrottle; no function reserves concurrency", () => {
    const stages = of(s(), "aws:apigatewayv2/stage:Stage");
    expect(stages).toHaveLength(1);
    const stage = stages[0]!.inputs as Record<string, any>;
    expect(stage.defaultRouteSettings).toEqual({
      throttlingRateLimit: apiThrottle.rateLimit,
      throttlingBurstLimit: apiThrottle.burstLimit,
    });
    expect(stage.routeSettings ?? []).toEqual([]);
    for (const fn of of(s(), "aws:lambda/function:Function"))
      expect((fn.inputs as Record<string, any>).reservedConcurrentExecutions, fn.name).toBeUndefined();
  });

  it("CORS: the stage's origins, and the x-request-id header exposed", () => {
    const api = of(s(), "aws:apigatewayv2/api:Api")[0]!.inputs as Record<string, any>;
    expect(api.corsConfiguration.allowOrigins).toEqual(production ? [] : STAGING_FRONTEND.corsAllowOrigins);
    expect(api.corsConfiguration.exposeHeaders).toEqual(["x-request-id"]);
  });

  it("schedules: each job on its rate, retried, failures kept in its dead-letter queue", () => {
    for (const job of schedules) {
      const schedule = named(s(), "aws:scheduler/schedule:Schedule", `${job.name}Schedule`);
      const target = unsecret(schedule.target);
      expect(schedule.scheduleExpression).toBe(job.schedule);
      expect(target.retryPolicy).toEqual({ maximumRetryAttempts: job.retryAttempts });
      expect(target.deadLetterConfig.arn).toMatch(new RegExp(`:seller-ops-${stage}-${job.name}DeadLettersQueue-`));
      expect(target.arn).toMatch(new RegExp(`:function:seller-ops-${stage}-${componentName(job.function)}Function-`));
      const invoke = named(
        s(),
        "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
        `${componentName(job.function)}EventInvokeConfig`,
      );
      expect(invoke.maximumRetryAttempts).toBe(job.retryAttempts);
      // A run Lambda could not start within a period is given up, not queued for hours (`staleRunAgeSeconds`).
      expect(invoke.maximumEventAgeInSeconds).toBe(staleRunAgeSeconds(job));
      expect(invoke.destinationConfig.onFailure.destination).toMatch(
        new RegExp(`:seller-ops-${stage}-${job.name}DeadLettersQueue-`),
      );
    }
  });

  it(
    "streams: the webhook dispatcher reads the Events table's new images in order, bisects a failing batch, and " +
      "keeps what fails every retry in its dead-letter queue",
    () => {
      for (const stream of streams) {
        const table = named(s(), "aws:dynamodb/table:Table", `${stream.table}Table`);
        expect(table.streamEnabled).toBe(true);
        expect(table.streamViewType).toBe("NEW_IMAGE");
        const mapping = named(
          s(),
          "aws:lambda/eventSourceMapping:EventSourceMapping",
          `${stream.table}Subscriber${stream.name}EventSourceMapping`,
        );
        expect(mapping).toMatchObject({
          startingPosition: "TRIM_HORIZON",
          batchSize: stream.batchSize,
          maximumRetryAttempts: stream.maximumRetryAttempts,
          bisectBatchOnFunctionError: true,
          parallelizationFactor: 1,
        });
        expect(String(unsecret(mapping.functionName))).toMatch(
          // (SST shortens a physical name past 64 characters: the stage prefix is cut, the component name kept.)
          new RegExp(`:function:\\S*${componentName(stream.function)}Function-`),
        );
        expect(mapping.destinationConfig.onFailure.destinationArn).toMatch(
          new RegExp(`:seller-ops-${stage}-${deadLetterQueueName(stream)}Queue-`),
        );
        expect(mapping.filterCriteria.filters.map((f: any) => JSON.parse(f.pattern))).toEqual(stream.filters);
        const role = named(s(), "aws:iam/role:Role", `${componentName(stream.function)}Role`);
        const statements = (role.inlinePolicies as any[]).flatMap((p) => parseJson(p.policy).Statement as any[]);
        const allowed = (action: string) =>
          statements.filter((st) => (st.actions as string[]).includes(action)).flatMap((st) => st.resources);
        expect(allowed("sqs:SendMessage").join(" ")).toMatch(new RegExp(`${deadLetterQueueName(stream)}Queue`));
        expect(allowed("dynamodb:GetRecords").join(" ")).toMatch(/stream/);
      }
    },
  );

  it(
    "alarms: production watches every job, its dead letters and throttles, the stream's skipped records and lag, the " +
      "GraphQL errors and every table; other stages have none",
    () => {
      const alarms = of(s(), "aws:cloudwatch/metricAlarm:MetricAlarm");
      expect(alarms.map((a) => a.name).sort()).toEqual(
        alarmsFor(stage)
          .map((a) => a.name)
          .sort(),
      );
      if (production) {
        expect(alarms.length).toBeGreaterThan(10);
        const topic = of(s(), "aws:sns/topic:Topic");
        expect(topic).toHaveLength(1);
        for (const alarm of alarms)
          expect((alarm.inputs as any).alarmActions).toEqual([
            expect.stringMatching(/:seller-ops-production-AlarmsTopic-/),
          ]);
        // CloudWatch refuses, at deploy, an alarm on metric math that reads more than 10 metrics.
        for (const a of alarms) {
          const queries = ((a.inputs as any).metricQueries ?? []) as { metric?: unknown }[];
          expect(queries.filter((q) => q.metric).length, a.name).toBeLessThanOrEqual(10);
        }
        // The Lambda metrics of the function each alarm is for, and the metric the stream handler writes.
        const alarm = (name: string) => named(s(), "aws:cloudwatch/metricAlarm:MetricAlarm", name);
        const onFunction = (name: string) => String(unsecret(alarm(name).dimensions).FunctionName);
        for (const source of [...schedules, ...streams]) {
          const throttles = `${source.name}LambdaThrottlesAlarm`;
          expect(alarm(throttles)).toMatchObject({ namespace: "AWS/Lambda", metricName: "Throttles", threshold: 1 });
          expect(onFunction(throttles)).toMatch(new RegExp(`${componentName(source.function)}Function-`));
        }
        for (const stream of streams) {
          const lag = `${stream.name}IteratorAgeAlarm`;
          expect(alarm(lag)).toMatchObject({
            namespace: "AWS/Lambda",
            metricName: "IteratorAge",
            statistic: "Maximum",
            threshold: stream.lagAlarmSeconds * 1000,
          });
          expect(onFunction(lag)).toMatch(new RegExp(`${componentName(stream.function)}Function-`));
          expect(alarm(`${stream.name}UnreadableAlarm`)).toMatchObject({
            namespace: "SellerOps",
            metricName: "unreadable",
            statistic: "Sum",
            dimensions: { service: "webhook-dispatch" },
            threshold: 1,
            period: 300,
          });
        }
      }
    },
  );

  it(
    "matches the committed snapshot of every resource (update: " + "npx vitest run test/infra/synth.test.ts -u)",
    async () => {
      await expect(readable(s())).toMatchFileSnapshot(`__snapshots__/synth-${stage}.txt`);
    },
  );
});

/**
 * Every AWS resource with its inputs, sorted, with what changes from run to run taken out: the
 * random suffixes of physical names and the bundles' content hashes (a code change alone is not
 * an infrastructure change). JSON strings (policies, inputs) are shown parsed.
 */
function readable(s: Synth): string {
  const normalize = (v: unknown): unknown => {
    if (typeof v === "string") {
      const text = v
        .replace(/(seller-ops-(?:staging|production)-[A-Za-z0-9]+)-[a-z]{8}\b/g, "$1-<suffix>")
        // Names SST shortened to fit 64 characters (`staging-…`, `sel-staging-…`) keep a random suffix too.
        .replace(/(\b(?:sel-)?(?:staging|production|product)-[A-Za-z0-9]+)-[a-z]{8}\b/g, "$1-<suffix>")
        .replace(/-code-[0-9a-f]{64}\.zip/g, "-code-<hash>.zip")
        .replace(/\/[0-9a-f]{64}\.bundle\.mjs\.map/g, "/<hash>.bundle.mjs.map")
        .replaceAll(root, "<root>/");
      if (/^[[{]/.test(text)) {
        try {
          return normalize(JSON.parse(text));
        } catch {
          return text;
        }
      }
      return text;
    }
    if (Array.isArray(v)) return v.map(normalize);
    if (v && typeof v === "object") {
      if ("4dabf18193072939515e22adb298388d" in v)
        return { secret: normalize((v as unknown as { value: unknown }).value) };
      if ("__pulumiArchive" in v || "__pulumiAsset" in v) return "<bundle>";
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, normalize((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  const resources = s.resources
    .filter((r) => r.custom)
    .map((r) => ({ type: r.type, name: r.name, inputs: normalize(r.inputs) }))
    .sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type.localeCompare(b.type)));
  return (
    `${resources.length} ` +
    `resources\n\n${resources.map((r) => `${r.type} ${r.name}\n${JSON.stringify(r.inputs, null, 2)}\n`).join("\n")}`
  );
}

/**
 * Every deployed function starts as deployed: the bundle `Runtime.Build` produced (SST's esbuild
 * settings), imported in a fresh Node process whose working directory is the bundle's (as
 * `/var/task` is), with exactly the environment of its synthesized Lambda — which reaches its
 * tables only through the `resource.enc` written next to the bundle, encrypted with its
 * `SST_KEY` — plus only what the Lambda runtime adds (region, credentials, function name) and
 * `AWS_ENDPOINT_URL_DYNAMODB`, pointing the AWS SDK at DynamoDB Local. The linked tables are
 * created there under their synthesized names. Then invoked once: GraphQL with an API Gateway v2
 * event on each route, each job with its scheduler event.
 */
describe("every deployed function starts as deployed (staging)", () => {
  const s = () => stages.staging;
  const endpoint = inject("dynamoEndpoint");

  beforeAll(async () => {
    const names = new Set<string>();
    for (const build of s().builds)
      for (const [link, props] of Object.entries(build.links))
        if ((TABLE_NAMES as readonly string[]).includes(link)) names.add(`${link}=${String(props.name)}`);
    const tables = Object.fromEntries([...names].map((n) => n.split("="))) as Record<TableName, string>;
    const client = new DynamoDBClient({
      endpoint,
      region: SYNTH_REGION,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    await ensureTables(client, { ...localTableNames("deployed-unused"), ...tables });
    client.destroy();
    // Each bundle runs from a copy outside the repository, as from /var/task: a module its bundle left
    // out is not found there: stricter than Lambda, whose runtime may find its own copy of an SDK module.
    for (const build of s().builds) cpSync(path.join(root, build.out), taskDir(build), { recursive: true });
  }, 120_000);

  const taskDir = (build: SynthBuild) => path.join(work, "task", build.functionID);

  /** Imports the bundle and calls its handler once, in a child process; its answer or its error. */
  function invoke(
    fn: FunctionName,
    event: unknown,
    extraEnv: Record<string, string> = {},
  ): { ok: boolean; result?: any; error?: string; stderr: string } {
    const build = s().builds.find((b) => b.functionID === componentName(fn))!;
    const lambda = named(s(), "aws:lambda/function:Function", `${componentName(fn)}Function`);
    const [file, exportName] = [String(lambda.handler).split(".")[0]!, String(lambda.handler).split(".")[1]!];
    const env: Record<string, string> = {
      ...(lambda.environment.variables as Record<string, string>),
      PATH: process.env.PATH ?? "",
      AWS_REGION: SYNTH_REGION,
      AWS_DEFAULT_REGION: SYNTH_REGION,
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_SESSION_TOKEN: "local",
      AWS_LAMBDA_FUNCTION_NAME: String(lambda.name),
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(lambda.memorySize),
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      ...shiftedClockEnv(),
      ...extraEnv,
    };
    const script = `
      const mod = await import("./${file}.mjs");
      const event = JSON.parse(process.argv[1]);
      const context = { awsRequestId: "start-as-deployed", functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
        getRemainingTimeInMillis: () => 60000 };
      try { const result = await mod[${JSON.stringify(exportName)}](event, context); console.log("RESULT " +
        JSON.stringify({ ok: true, result })); }
      catch (e) { console.log("RESULT " + JSON.stringify({ ok: false, error: String(e && e.stack || e) })); }
      process.exit(0);`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(event)], {
      cwd: taskDir(build),
      env,
      encoding: "utf8",
      timeout: 120_000,
    });
    const line = child.stdout.split("\n").find((l) => l.startsWith("RESULT "));
    if (!line) return { ok: false, error: `no answer (exit ${child.status})`, stderr: child.stderr };
    return {
      ...(JSON.parse(line.slice("RESULT ".length)) as { ok: boolean; result?: any; error?: string }),
      stderr: child.stderr,
    };
  }

  const httpEventOn = (method: "GET" | "POST", routePath: string, extra: Record<string, unknown> = {}) => {
    const base = httpEvent({
      method,
      body: method === "POST" ? JSON.stringify({ query: "{ __typename }" }) : undefined,
      rawQueryString: method === "GET" ? "query=%7B__typename%7D" : "",
      headers: {
        "content-type": "application/json",
        "apollo-require-preflight": "true",
        authorization: "Bearer not-a-real-key-000000",
      },
    });
    return {
      ...base,
      routeKey: `${method} ${routePath}`,
      rawPath: routePath,
      requestContext: {
        ...base.requestContext,
        routeKey: `${method} ${routePath}`,
        http: { ...base.requestContext.http, path: routePath },
        ...extra,
      },
    };
  };

  it("graphql on /graphql: an unknown API key is looked up in its linked ApiKeys table and refused", () => {
    for (const method of ["POST", "GET"] as const) {
      const answer = invoke("graphql", httpEventOn(method, "/graphql"));
      expect(answer.ok, `${answer.error}\n${answer.stderr}`).toBe(true);
      expect(answer.result.statusCode, answer.result.body).toBe(401);
      expect(JSON.parse(answer.result.body).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    }
  }, 240_000);

  it("graphql on /app/graphql: a token verified by the JWT authorizer is answered", () => {
    const claims = { sub: "user-start-as-deployed", [STAGING_FRONTEND.jwtSellerClaim]: "seller-start-as-deployed" };
    for (const method of ["POST", "GET"] as const) {
      const answer = invoke(
        "graphql",
        httpEventOn(method, "/app/graphql", { authorizer: { jwt: { claims, scopes: null } } }),
      );
      expect(answer.ok, `${answer.error}\n${answer.stderr}`).toBe(true);
      expect(answer.result.statusCode, answer.result.body).toBe(200);
      expect(JSON.parse(answer.result.body)).toMatchObject({ data: { __typename: "Query" } });
    }
  }, 240_000);

  // The bundles leave out what these variables would make Apollo or the AWS SDK load (`neverLoaded` in
  // stacks/wiring.ts): a profile name sends the SDK's default chain past the environment to the
  // profile files, and an Apollo key and graph ref turn on usage reporting. Set on a function by
  // mistake, they change nothing: the functions take the role's credentials from the environment, and
  // the server installs Apollo's disabled reporting plugins.
  const carelessEnv = {
    AWS_PROFILE: "someone-elses-profile",
    APOLLO_KEY: "service:not-a-real-graph:000000",
    APOLLO_GRAPH_REF: "not-a-real-graph@current",
    APOLLO_SCHEMA_REPORTING: "true",
  };

  it("graphql with Apollo and AWS profile variables set by mistake: still answered from its own tables", () => {
    const claims = { sub: "user-start-as-deployed", [STAGING_FRONTEND.jwtSellerClaim]: "seller-start-as-deployed" };
    const app = invoke(
      "graphql",
      httpEventOn("POST", "/app/graphql", { authorizer: { jwt: { claims, scopes: null } } }),
      carelessEnv,
    );
    expect(app.ok, `${app.error}\n${app.stderr}`).toBe(true);
    expect(app.result.statusCode, app.result.body).toBe(200);
    expect(JSON.parse(app.result.body)).toMatchObject({ data: { __typename: "Query" } });
    const keyed = invoke("graphql", httpEventOn("POST", "/graphql"), carelessEnv);
    expect(keyed.ok, `${keyed.error}\n${keyed.stderr}`).toBe(true);
    expect(keyed.result.statusCode, keyed.result.body).toBe(401);
    expect(JSON.parse(keyed.result.body).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  }, 240_000);

  // The functions run minified as deployed (stacks/wiring.ts): a seller's key changes data through the
  // bundle, written to and read back from its linked tables, a retry answered from the idempotency record.
  it("graphql with a seller's key: an order created and marked shipped through the deployed bundle", async () => {
    const build = s().builds.find((b) => b.functionID === componentName("graphql"))!;
    const doc = createDocumentClient({ endpoint, region: SYNTH_REGION });
    const db = { doc, tables: tablesFromLinks(build.links as never, functions.graphql.tables) };
    const sellerId = `sel_${ulid()}`;
    const key = `seller_${ulid()}`;
    const now = new Date().toISOString();
    try {
      await SellersRepo.putSellerIfAbsent(db, {
        id: sellerId,
        name: "Deployed Seller",
        settlementCurrency: "CNY",
        timeZone: "Asia/Shanghai",
        createdAt: now,
      });
      await ApiKeys.putApiKey(db, key, {
        role: "SELLER",
        keyId: `key_${ulid()}`,
        label: "deployed",
        sellerId,
        createdAt: now,
      });
    } finally {
      doc.destroy();
    }
    const post = (query: string, variables: Record<string, unknown>) => {
      const answer = invoke(
        "graphql",
        httpEvent({
          method: "POST",
          body: JSON.stringify({ query, variables }),
          headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        }),
      );
      expect(answer.ok, `${answer.error}\n${answer.stderr}`).toBe(true);
      expect(answer.result.statusCode, answer.result.body).toBe(200);
      const body = JSON.parse(answer.result.body);
      expect(body.errors, answer.result.body).toBeUndefined();
      return body.data;
    };
    const create = {
      query:
        "mutation($input: CreateOrderInput!) " +
        "{ createOrder(input: $input) { order { id status } userErrors { code } } }",
      variables: { input: orderInput({ idempotencyKey: `create-${ulid()}` }) },
    };
    const created = post(create.query, create.variables);
    expect(created.createOrder).toMatchObject({ order: { status: "AWAITING_SHIPMENT" }, userErrors: [] });
    // A retry in another container (a fresh process) gets the first answer: the same order, not a second one.
    expect(post(create.query, create.variables)).toEqual(created);
    const shipped = post(
      "mutation($input: MarkOrderShippedInput!) " +
        "{ markOrderShipped(input: $input) { order { status } userErrors { code } } }",
      { input: { orderId: created.createOrder.order.id, carrier: "SF Express", trackingNumber: "SF1234567890" } },
    );
    expect(shipped.markOrderShipped).toEqual({ order: { status: "SHIPPED" }, userErrors: [] });
  }, 240_000);

  it("webhookDispatch: the stream handler takes a batch of the Events stream", () => {
    const answer = invoke("webhookDispatch", { Records: [] });
    expect(answer.ok, `${answer.error}\n${answer.stderr}`).toBe(true);
    expect(answer.result).toMatchObject({ events: 0, recorded: 0 });
    // One event, as the stream carries it: the dispatcher reads its seller's endpoints (none here).
    const [event] = readFixture("webhook-items-v1").items.Events;
    const record = { eventName: "INSERT", dynamodb: { NewImage: marshall(event!) } };
    for (const extra of [{}, { AWS_PROFILE: carelessEnv.AWS_PROFILE }] as Record<string, string>[]) {
      const one = invoke("webhookDispatch", { Records: [record] }, extra);
      expect(one.ok, `${one.error}\n${one.stderr}`).toBe(true);
      expect(one.result).toMatchObject({ events: 1, recorded: 0 });
    }
    // In production mode every linked secret is required, and the dispatcher is linked to the sealing key alone.
    const asProduction = invoke("webhookDispatch", { Records: [record] }, { APP_MODE: "production" });
    expect(asProduction.ok, `${asProduction.error}\n${asProduction.stderr}`).toBe(true);
  }, 240_000);

  it.each(schedules.map((j) => [j.name, j] as const))(
    "%s: the job runs once on its scheduler event",
    (_, job) => {
      const schedule = named(s(), "aws:scheduler/schedule:Schedule", `${job.name}Schedule`);
      const event = JSON.parse(String(unsecret(schedule.target).input)) as unknown;
      // The event the tests and `npm start` drive the jobs with is the one the schedule delivers.
      expect(event).toEqual(scheduledEvent());
      const answer = invoke(job.function, event);
      expect(answer.ok, `${answer.error}\n${answer.stderr}`).toBe(true);
      expect(answer.result).toMatchObject({ failures: 0 });
      const careless = invoke(job.function, event, { AWS_PROFILE: carelessEnv.AWS_PROFILE });
      expect(careless.ok, `${careless.error}\n${careless.stderr}`).toBe(true);
      expect(careless.result).toMatchObject({ failures: 0 });
      // Production mode requires every secret the job is linked to, and it is linked only to those it reads.
      const asProduction = invoke(job.function, event, { APP_MODE: "production" });
      expect(asProduction.ok, `${asProduction.error}\n${asProduction.stderr}`).toBe(true);
    },
    240_000,
  );
});
