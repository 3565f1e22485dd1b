/**
 * Checks the infrastructure data without the SST CLI: the wiring in `stacks/wiring.ts` (handlers
 * exist, tables are linked, routes and schedules resolve) and the table specs the stacks deploy
 * (DynamoDB's own rules, caught here rather than at deploy time).
 */

import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, it, expect } from "vitest";
import { TABLE_NAMES, tableSpecs, type TableName, type TableSpec } from "../../packages/db/src/specs";
import { localTableNames, tableLinkEnv } from "../../packages/db/src/config";
import { functionSecrets, functionTables } from "../../packages/functions/src/tables";
import { CLAIM_LEASE_MS, defaultIdempotencyRules } from "../../packages/db/src/idempotency";
import { AWS_CALL_MAX_MS } from "../../packages/db/src/client";
import { LAST_CALL_MARGIN_MS, SAFETY_MARGIN_MS } from "../../packages/functions/src/jobs/sweep";
import {
  ALARM_TOPIC_NAME,
  alarmsFor,
  componentNames,
  deadLetterQueueName,
  environmentFor,
  functions,
  jobService,
  LOG_RETENTIONS,
  logRetentionFor,
  roleTrustFor,
  routes,
  schedulePeriodSeconds,
  schedules,
  staleRunAgeSeconds,
  deployConfigFor,
  linksFor,
  lookupOnlyFor,
  corsFor,
  secrets,
  streams,
  tableProtectionFor,
  type AlarmDef,
  type FunctionDef,
} from "../../stacks/wiring";
import {
  daysUntil,
  LAMBDA_RUNTIME,
  NOTICE_DAYS,
  nodeRuntimeSchedules,
  runtimeNotice,
  SCHEDULE_READ_ON,
} from "../../stacks/lambda-runtimes";
import { deployedBuildOptions } from "../../tools/deployed-bundle";

const root = fileURLToPath(new URL("../../", import.meta.url));
const definitions = Object.entries(functions) as [string, FunctionDef][];
const functionNames = new Set(Object.keys(functions));
const tableNames = localTableNames("wiring-test");

/** `packages/functions/src/graphql.handler` → the source file and the export name. */
function splitHandler(handler: string): { file: string; exportName: string } {
  const dot = handler.lastIndexOf(".");
  return { file: `${root}${handler.slice(0, dot)}.ts`, exportName: handler.slice(dot + 1) };
}

describe("the Lambda runtime's schedule", () => {
  const on = (day: string) => new Date(`${day}T12:00:00Z`);

  it("the deployed runtime is SST's default, nodejs24.x, on Node 24", () => {
    expect(LAMBDA_RUNTIME).toBe("nodejs24.x");
    expect(nodeRuntimeSchedules[LAMBDA_RUNTIME].nodeMajor).toBe(24);
  });

  it("functions are bundled for SST's target of the runtime: es2024 (its targetMap), as sst deploy builds them", () => {
    expect(deployedBuildOptions(root, "packages/functions/src/graphql.ts", LAMBDA_RUNTIME).target).toBe("es2024");
  });

  it("the pre-deploy notice: ok, warn within NOTICE_DAYS of deprecation, error once updates are blocked", () => {
    expect(runtimeNotice("nodejs24.x", on("2026-12-02")).level).toBe("ok");
    expect(runtimeNotice("nodejs24.x", on("2027-11-01")).level).toBe("warn");
    expect(runtimeNotice("nodejs24.x", on("2028-05-15")).message).toContain("deprecated already");
    expect(runtimeNotice("nodejs24.x", on("2028-07-01")).level).toBe("error");
    expect(runtimeNotice("nodejs22.x", on("2026-12-02")).level).toBe("warn");
    expect(runtimeNotice("nodejs20.x", on("2026-12-02")).level).toBe("error");
  });
});

describe("functions", () => {
  it.each(definitions)(
    "%s: the handler file exists and exports a function",
    async (name, fn) => {
      const { file, exportName } = splitHandler(fn.handler);
      expect(existsSync(file), `${file} does not exist`).toBe(true);

      // Import with only its own tables linked (the full start-as-deployed check is in deployed.test.ts).
      const own = Object.fromEntries(
        Object.entries(tableLinkEnv(tableNames)).filter(([k]) =>
          (fn.tables as readonly string[]).includes(k.slice("SST_RESOURCE_".length)),
        ),
      );
      const env = { ...environmentFor(name as keyof typeof functions, "test"), ...own };
      const saved = Object.fromEntries(
        Object.keys({ ...env, ...tableLinkEnv(tableNames) }).map((k) => [k, process.env[k]]),
      );
      for (const k of Object.keys(tableLinkEnv(tableNames))) delete process.env[k];
      Object.assign(process.env, env);
      try {
        const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
        expect(typeof mod[exportName], `${file} has no exported function ${exportName}`).toBe("function");
      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
    },
    60_000,
  );

  it.each(definitions)("%s: runs on the service's Lambda runtime", (_, fn) => {
    expect(fn.runtime).toBe(LAMBDA_RUNTIME);
  });

  // No wall clock here (the suite passes on any date): the runtime is one whose AWS schedule is recorded, and on
  // the day that schedule was read its deprecation was NOTICE_DAYS or more away. `runtimeNotice` (below, and
  // `npm run runtime:check` before a deploy) is what compares with today.
  it.each(definitions)(
    "%s: runs on a recorded runtime, not near its deprecation when the schedule was read",
    (_, fn) => {
      expect(Object.keys(nodeRuntimeSchedules)).toContain(fn.runtime);
      const schedule = nodeRuntimeSchedules[fn.runtime as keyof typeof nodeRuntimeSchedules];
      expect(daysUntil(schedule.deprecation, new Date(`${SCHEDULE_READ_ON}T00:00:00Z`))).toBeGreaterThan(NOTICE_DAYS);
    },
  );

  // Only the GraphQL API signs cursors; only it and the webhook functions seal or open endpoint secrets.
  const secretsHeldBy = {
    graphql: ["CursorSecret", "WebhookSecretKey"],
    lateOrders: [],
    retention: [],
    caseDeadlines: [],
    webhookDispatch: ["WebhookSecretKey"],
    webhookRetries: ["WebhookSecretKey"],
  };

  it.each(definitions)("%s: links exactly the tables and the secrets its handler requires", (name, fn) => {
    expect(fn.tables.length).toBeGreaterThan(0);
    expect(new Set(fn.tables).size).toBe(fn.tables.length);
    for (const table of fn.tables) expect(tableSpecs[table], `${table} is not in tableSpecs`).toBeDefined();
    expect(fn.tables).toEqual(functionTables[name as keyof typeof functionTables]);
    expect(fn.secrets).toEqual(functionSecrets[name as keyof typeof functionSecrets]);
    // Written out here, not read from `functionSecrets`: widening a function's secrets must change this test too.
    expect([...fn.secrets]).toEqual(secretsHeldBy[name as keyof typeof secretsHeldBy]);
    for (const secret of fn.secrets) expect(secrets.map((s) => s.name)).toContain(secret);
    expect(linksFor(name as keyof typeof functions)).toEqual([...fn.tables, ...fn.secrets]);
  });

  it.each(definitions)("%s: a table it only looks up is one of its tables, through an index the table has", (name) => {
    for (const [table, index] of Object.entries(lookupOnlyFor(name as keyof typeof functions))) {
      expect(functions[name as keyof typeof functions].tables).toContain(table);
      expect(Object.keys(tableSpecs[table as TableName].globalIndexes)).toContain(index);
    }
  });

  it("a scheduled run Lambda could not start is given up after one period of its schedule (60 s to 6 h)", () => {
    const age = Object.fromEntries(schedules.map((job) => [job.name, staleRunAgeSeconds(job)]));
    expect(age).toEqual({ LateOrders: 900, CaseDeadlines: 60, Retention: 3600, WebhookRetries: 60 });
    const job = schedules[0]!;
    expect(staleRunAgeSeconds({ ...job, schedule: "rate(2 hours)" })).toBe(7200);
    expect(staleRunAgeSeconds({ ...job, schedule: "rate(30 minutes)" })).toBe(1800);
    expect(staleRunAgeSeconds({ ...job, schedule: "cron(0 3 * * ? *)" })).toBe(21_600);
  });

  it("the graphql function links all six tables", () => {
    expect([...functions.graphql.tables].sort()).toEqual([...TABLE_NAMES].sort());
  });

  it("APP_MODE is production only on the production stage", () => {
    const env = (stage: string) => environmentFor("graphql", stage);
    expect(env("production").APP_MODE).toBe("production");
    expect(env("staging").APP_MODE).toBe("development");
    expect(env("dev-alice").APP_MODE).toBe("development");
  });

  it("the GraphQL function is told the frontend token's seller claim; the jobs get only the modes", () => {
    expect(environmentFor("graphql", "production")).toEqual({
      NODE_ENV: "production",
      APP_MODE: "production",
      JWT_SELLER_CLAIM: "custom:seller_id",
    });
    for (const job of ["lateOrders", "retention", "caseDeadlines"] as const)
      expect(environmentFor(job, "staging")).toEqual({ NODE_ENV: "production", APP_MODE: "development" });
  });
});

describe("routes and schedules", () => {
  it("every route points at a defined function", () => {
    for (const route of routes) expect(functionNames.has(route.function), route.function).toBe(true);
  });

  it("routes are unique (API Gateway refuses duplicate route keys)", () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it(
    "POST and GET /graphql are served by the graphql function, with " +
      "API keys; /app/graphql with the JWT authorizer",
    () => {
      expect(routes).toContainEqual({ method: "POST", path: "/graphql", function: "graphql", auth: "apiKey" });
      expect(routes).toContainEqual({ method: "GET", path: "/graphql", function: "graphql", auth: "apiKey" });
      expect(routes).toContainEqual({ method: "POST", path: "/app/graphql", function: "graphql", auth: "jwt" });
    },
  );

  it("per-stage settings come from the repository, whatever the deploying shell holds", () => {
    const before = deployConfigFor("production");
    const saved = { ...process.env };
    Object.assign(process.env, {
      CORS_ALLOW_ORIGINS: "https://evil.example",
      JWT_ISSUER: "https://issuer.example",
      JWT_AUDIENCE: "x",
    });
    try {
      expect(deployConfigFor("production")).toEqual(before);
    } finally {
      for (const k of ["CORS_ALLOW_ORIGINS", "JWT_ISSUER", "JWT_AUDIENCE"]) if (!(k in saved)) delete process.env[k];
    }
    expect(deployConfigFor("production")).toEqual({
      corsAllowOrigins: [],
      jwt: null,
      jwtSellerClaim: "custom:seller_id",
    });
    expect(deployConfigFor("dev-alice").corsAllowOrigins).toEqual(["http://localhost:4000"]);
    const cors = corsFor({
      corsAllowOrigins: ["https://seller.example.com"],
      jwt: null,
      jwtSellerClaim: "custom:seller_id",
    });
    expect(cors.allowOrigins).toEqual(["https://seller.example.com"]);
    expect(cors.allowMethods).toEqual(["GET", "POST"]);
    expect(cors.exposeHeaders).toContain("x-request-id");
  });

  it("routed functions finish before the HTTP API's 30 second integration timeout", () => {
    for (const route of routes) {
      const [amount, unit] = functions[route.function].timeout.split(" ");
      const seconds = Number(amount) * (unit?.startsWith("minute") ? 60 : 1);
      expect(seconds, route.function).toBeLessThan(30);
    }
  });

  it("a one-item effect's claim lease is at least twice the GraphQL function's timeout", () => {
    // A takeover after the lease must not meet a write of the claiming attempt still in flight
    // (packages/db/src/idempotency.ts, CLAIM_LEASE_MS): the function is stopped at its timeout.
    const [amount, unit] = functions.graphql.timeout.split(" ");
    const timeoutMs = Number(amount) * (unit?.startsWith("minute") ? 60 : 1) * 1000;
    expect(CLAIM_LEASE_MS).toBeGreaterThanOrEqual(2 * timeoutMs);
    expect(defaultIdempotencyRules.claimLeaseMs).toBe(CLAIM_LEASE_MS);
  });

  it("a scheduled job's stopping margin covers an item's reads and last call, a small part of its timeout", () => {
    // The sweep stops taking items SAFETY_MARGIN_MS before the end: an item's reads (two calls at worst) and its
    // transaction's last attempt, which starts no later than LAST_CALL_MARGIN_MS before it (packages/functions/src/
    // jobs/sweep.ts), must fit, and the margin must leave most of the function's time to the work.
    expect(SAFETY_MARGIN_MS).toBeGreaterThanOrEqual(2 * AWS_CALL_MAX_MS + LAST_CALL_MARGIN_MS);
    expect(LAST_CALL_MARGIN_MS).toBeGreaterThan(AWS_CALL_MAX_MS);
    for (const schedule of schedules) {
      const [amount, unit] = functions[schedule.function].timeout.split(" ");
      const timeoutMs = Number(amount) * (unit?.startsWith("minute") ? 60 : 1) * 1000;
      expect(timeoutMs, schedule.function).toBeGreaterThanOrEqual(4 * SAFETY_MARGIN_MS);
    }
  });

  it("every schedule points at a defined function, with retries Lambda accepts", () => {
    for (const schedule of schedules) {
      expect(functionNames.has(schedule.function), schedule.function).toBe(true);
      expect(schedule.schedule).toMatch(/^(rate|cron)\(.+\)$/);
      expect(Number.isInteger(schedule.retryAttempts)).toBe(true);
      expect(schedule.retryAttempts).toBeGreaterThanOrEqual(0);
      expect(schedule.retryAttempts).toBeLessThanOrEqual(2);
    }
  });

  it("a function is invoked by routes, schedules or a table's stream, never none", () => {
    const invoked = new Set<string>([
      ...routes.map((r) => r.function),
      ...schedules.map((s) => s.function),
      ...streams.map((s) => s.function),
    ]);
    for (const name of functionNames) expect(invoked.has(name), name).toBe(true);
  });

  it("every stream subscription reads a table that has a stream, in order, and keeps its failures", () => {
    for (const stream of streams) {
      expect(functionNames.has(stream.function), stream.function).toBe(true);
      expect(tableSpecs[stream.table].stream, `${stream.table} has no stream`).toBe("new-image");
      expect(functions[stream.function].tables).toContain(stream.table);
      expect(stream.bisectBatchOnFunctionError).toBe(true);
      // Lambda's limits for a DynamoDB stream source: batch 1 to 10000, retries -1 (forever) to 10000.
      expect(stream.batchSize).toBeGreaterThanOrEqual(1);
      expect(stream.batchSize).toBeLessThanOrEqual(10_000);
      expect(stream.maximumRetryAttempts).toBeGreaterThanOrEqual(0);
      expect(componentNames()).toContain(deadLetterQueueName(stream));
    }
  });

  it("top-level component names are unique and not reserved", () => {
    const names = componentNames().map((n) => n.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain("app");
    for (const name of componentNames()) expect(name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
  });

  it("secrets have distinct names, none of them a table's", () => {
    expect(new Set(secrets.map((s) => s.name)).size).toBe(secrets.length);
    for (const s of secrets) expect((TABLE_NAMES as readonly string[]).includes(s.name)).toBe(false);
  });
});

describe("table specs", () => {
  const specs = Object.entries(tableSpecs) as [TableName, TableSpec][];

  it("cover exactly TABLE_NAMES, each under its own name", () => {
    expect(specs.map(([k]) => k).sort()).toEqual([...TABLE_NAMES].sort());
    for (const [key, spec] of specs) expect(spec.name).toBe(key);
  });

  it.each(specs)("%s: every key of the table and its indexes is declared in fields", (_, spec) => {
    const keys = [spec.primaryIndex, ...Object.values(spec.globalIndexes)].flatMap((i) =>
      i.rangeKey ? [i.hashKey, i.rangeKey] : [i.hashKey],
    );
    for (const key of keys) expect(spec.fields, key).toHaveProperty(key);
  });

  it.each(specs)("%s: every declared field is a key (DynamoDB refuses unused attributes)", (_, spec) => {
    const keys = new Set(
      [spec.primaryIndex, ...Object.values(spec.globalIndexes)].flatMap((i) =>
        i.rangeKey ? [i.hashKey, i.rangeKey] : [i.hashKey],
      ),
    );
    for (const field of Object.keys(spec.fields)) expect(keys.has(field), field).toBe(true);
  });

  it.each(specs)("%s: index names say what they serve", (_, spec) => {
    for (const [name, index] of Object.entries(spec.globalIndexes)) {
      expect(name).not.toMatch(/^gsi\d*$/i);
      expect(index.serves.trim()).not.toBe("");
    }
    expect(Object.keys(spec.globalIndexes).length).toBeLessThanOrEqual(20);
  });

  it("only Idempotency, Events and WebhookDeliveries have a TTL, on an attribute that is not a key", () => {
    const withTtl = specs.filter(([, spec]) => spec.ttl !== undefined).map(([name]) => name);
    expect(withTtl.sort()).toEqual(["Events", "Idempotency", "WebhookDeliveries"]);
    for (const [, spec] of specs) if (spec.ttl) expect(spec.fields).not.toHaveProperty(spec.ttl);
  });
});

describe("production settings", () => {
  const production = alarmsFor("production");
  const watching = <K extends AlarmDef["watches"]["kind"]>(kind: K) =>
    production.filter(
      (a): a is AlarmDef & { watches: Extract<AlarmDef["watches"], { kind: K }> } => a.watches.kind === kind,
    );

  it("every table has point-in-time recovery on every stage, and deletion protection in production only", () => {
    expect(tableProtectionFor("production")).toEqual({ deletionProtection: true, pointInTimeRecovery: true });
    for (const stage of ["staging", "dev-alice", "pr-42"]) {
      expect(tableProtectionFor(stage)).toEqual({ deletionProtection: false, pointInTimeRecovery: true });
    }
  });

  it("function roles trust Lambda alone on every deployed stage; the account only under sst dev off production", () => {
    for (const stage of ["production", "staging", "dev-alice"])
      expect(roleTrustFor(stage, false), stage).toBe("lambda");
    expect(roleTrustFor("production", true)).toBe("lambda");
    expect(roleTrustFor("dev-alice", true)).toBe("lambda-and-account");
  });

  it("logs are kept for a bounded time SST accepts: months in production, days elsewhere", () => {
    const days = (r: string) => {
      const [n, unit] = r.split(" ");
      return (
        Number(n) * (unit!.startsWith("year") ? 365 : unit!.startsWith("month") ? 30 : unit!.startsWith("week") ? 7 : 1)
      );
    };
    for (const stage of ["production", "staging", "dev-alice"]) {
      const retention = logRetentionFor(stage);
      expect(LOG_RETENTIONS).toContain(retention);
      expect(retention).not.toBe("forever");
    }
    expect(days(logRetentionFor("production"))).toBeGreaterThanOrEqual(90);
    expect(days(logRetentionFor("dev-alice"))).toBeLessThanOrEqual(31);
  });

  it("every scheduled job and stream handler has a failure alarm on its own function", () => {
    expect(
      watching("job-failures")
        .map((a) => a.watches.function)
        .sort(),
    ).toEqual([...schedules, ...streams].map((s) => s.function).sort());
  });

  it("every scheduled job has a 'behind' alarm on the stoppedEarly metric its handler writes", () => {
    const alarms = watching("job-behind");
    expect(alarms.map((a) => a.watches.function).sort()).toEqual(schedules.map((s) => s.function).sort());
    for (const alarm of alarms) {
      const job = schedules.find((s) => s.function === alarm.watches.function)!;
      // The service the job's own handler names its metrics with (scheduledHandler's `service`).
      const source = readFileSync(`packages/functions/src/jobs/${alarm.watches.service}.ts`, "utf8");
      expect(source, alarm.name).toContain(`"${alarm.watches.service}"`);
      // Every run of the period (the average of their 0 or 1 is 1), and the period holds at least one run.
      expect(alarm.threshold).toBe(1);
      const period = schedulePeriodSeconds(job.schedule);
      expect(period, job.schedule).not.toBeNull();
      expect(alarm.periodSeconds, alarm.name).toBeGreaterThanOrEqual(period!);
    }
  });

  it("every dead-letter queue has an alarm as soon as one message arrives", () => {
    const withQueue = [...schedules.filter((s) => s.deadLetterQueue), ...streams].map((s) => s.name);
    expect(withQueue.length).toBeGreaterThan(0);
    const alarms = watching("dead-letters");
    expect(alarms.map((a) => a.watches.schedule).sort()).toEqual([...withQueue].sort());
    for (const alarm of alarms) {
      expect(alarm.threshold).toBe(1);
      expect(alarm.description).toContain(deadLetterQueueName({ name: alarm.watches.schedule }));
    }
  });

  it("every scheduled job and stream handler has an alarm as soon as Lambda throttles it", () => {
    const alarms = watching("lambda-throttles");
    expect(alarms.map((a) => a.watches.function).sort()).toEqual(
      [...schedules, ...streams].map((s) => s.function).sort(),
    );
    for (const alarm of alarms) expect(alarm.threshold, alarm.name).toBe(1);
  });

  it("every webhook reader has an alarm as soon as it skips an item it cannot read, under its own service", () => {
    const alarms = watching("stream-unreadable");
    // One for event records, one for endpoint items, one for delivery items, on every stream handler.
    for (const metric of ["unreadable", "unreadableEndpoints", "unreadableDeliveries"]) {
      const ofMetric = alarms.filter((a) => a.watches.metric === metric);
      // The retry job reads endpoints too (its unreadable deliveries fail the run: its failures alarm).
      const readers = [
        ...streams.map((s) => s.function),
        ...(metric === "unreadableEndpoints" ? ["webhookRetries"] : []),
      ];
      expect(ofMetric.map((a) => a.watches.function).sort()).toEqual(readers.sort());
    }
    expect(alarms).toHaveLength(3 * streams.length + 1);
    for (const alarm of alarms) {
      expect(alarm.threshold).toBe(1);
      expect(alarm.periodSeconds).toBe(5 * 60);
      // The service its handler writes metrics under (test/jobs/metrics.test.ts reads the dispatcher's line).
      expect(alarm.watches.service).toBe(jobService(alarm.watches.function));
    }
  });

  it("every stream has an alarm on its iterator age: later than one slow batch, long before the 24 hours kept", () => {
    const alarms = watching("stream-iterator-age");
    expect(alarms.map((a) => a.watches.function).sort()).toEqual(streams.map((s) => s.function).sort());
    for (const alarm of alarms) {
      const stream = streams.find((s) => s.function === alarm.watches.function)!;
      // IteratorAge is in milliseconds.
      expect(alarm.threshold).toBe(stream.lagAlarmSeconds * 1000);
      const [amount, unit] = functions[stream.function].timeout.split(" ");
      const timeoutMs = Number(amount) * (unit?.startsWith("minute") ? 60 : 1) * 1000;
      expect(alarm.threshold, "a batch that runs to its timeout does not page").toBeGreaterThan(2 * timeoutMs);
      expect(alarm.threshold, "most of the stream's 24 hours is left to act").toBeLessThanOrEqual(3600 * 1000);
    }
  });

  it("the GraphQL API has one 5xx-rate alarm, a percentage above a minimum of traffic", () => {
    const [alarm, ...others] = watching("graphql-5xx-rate");
    expect(others).toEqual([]);
    expect(alarm!.threshold).toBeGreaterThan(0);
    expect(alarm!.threshold).toBeLessThanOrEqual(100);
    expect(alarm!.watches.minRequests).toBeGreaterThan(0);
    expect(routes.every((r) => r.function === "graphql")).toBe(true);
  });

  it("every table and every index of it has a throttling alarm, each alarm within CloudWatch's 10 metrics", () => {
    const alarms = watching("dynamodb-throttles");
    expect(
      alarms
        .filter((a) => !a.watches.indexes)
        .map((a) => a.watches.table)
        .sort(),
    ).toEqual([...TABLE_NAMES].sort());
    // The table's own series leaves its indexes out: each index is watched by name, once.
    const watched = alarms.flatMap((a) => (a.watches.indexes ?? []).map((index) => `${a.watches.table}/${index}`));
    const indexes = TABLE_NAMES.flatMap((t) => Object.keys(tableSpecs[t].globalIndexes).map((i) => `${t}/${i}`));
    expect(watched.sort()).toEqual(indexes.sort());
    // Reads and writes of each source: an alarm on metric math reads at most 10 metrics, or the deploy is refused.
    for (const alarm of alarms) expect(2 * (alarm.watches.indexes?.length ?? 1), alarm.name).toBeLessThanOrEqual(10);
  });

  it("alarms have unique PascalCase names, CloudWatch periods and a description", () => {
    const names = production.map((a) => a.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const alarm of production) {
      expect(alarm.name).toMatch(/^[A-Z][A-Za-z0-9]*Alarm$/);
      expect(componentNames()).not.toContain(alarm.name);
      expect(alarm.periodSeconds % 60, alarm.name).toBe(0);
      expect(alarm.periodSeconds * alarm.evaluationPeriods, alarm.name).toBeLessThanOrEqual(24 * 3600);
      expect(alarm.evaluationPeriods).toBeGreaterThanOrEqual(1);
      expect(alarm.threshold).toBeGreaterThan(0);
      expect(alarm.description.length).toBeGreaterThan(20);
    }
    expect(componentNames()).toContain(ALARM_TOPIC_NAME);
  });

  it("only the production stage is watched", () => {
    expect(production.length).toBeGreaterThan(0);
    expect(alarmsFor("staging")).toEqual([]);
    expect(alarmsFor("dev-alice")).toEqual([]);
  });
});

describe("stacks are built from the data", () => {
  const source = (file: string) => readFileSync(`${root}stacks/${file}`, "utf8");

  it("stacks/storage.ts creates the tables from tableSpecs", () => {
    const storage = source("storage.ts");
    expect(storage).toMatch(/import\s*\{[^}]*\btableSpecs\b[^}]*\}\s*from\s*"\.\.\/packages\/db\/src\/specs"/);
    expect(storage).toMatch(/new sst\.aws\.Dynamo\(spec\.name,/);
    // No table is named by hand.
    for (const table of TABLE_NAMES) expect(storage).not.toContain(`"${table}"`);
  });

  it("stacks/api.ts builds functions, routes, schedules and secrets from the wiring module", () => {
    const api = source("api.ts");
    expect(api).toMatch(/from\s*"\.\/wiring"/);
    for (const name of ["functions", "routes", "schedules", "secrets", "environmentFor"]) {
      expect(api).toMatch(new RegExp(`\\b${name}\\b`));
    }
    expect(api).not.toContain("packages/functions/src/");
    expect(api).not.toContain('"/graphql"');
  });

  it(
    "stacks/storage.ts protects every table from tableProtectionFor: Dynamo's deletionProtection, the Pulumi " +
      "table's point-in-time recovery",
    () => {
      const storage = source("storage.ts");
      expect(storage).toMatch(/tableProtectionFor\(\$app\.stage\)/);
      expect(storage).toMatch(/deletionProtection:\s*protection\.deletionProtection/);
      expect(storage).toMatch(/pointInTimeRecovery\s*=\s*\{\s*enabled:\s*protection\.pointInTimeRecovery\s*\}/);
    },
  );

  it("stacks/api.ts sets log retention and builds every alarm from alarmsFor", () => {
    const api = source("api.ts");
    expect(api).toMatch(/logging:\s*\{\s*retention:\s*logRetentionFor\(\$app\.stage\)\s*\}/);
    expect(api).toMatch(/accessLog:\s*\{\s*retention:\s*logRetentionFor\(\$app\.stage\)\s*\}/);
    expect(api).toMatch(/alarmsFor\(\$app\.stage\)/);
    expect(api).toMatch(/new aws\.cloudwatch\.MetricAlarm\(alarm\.name,/);
    expect(api).toMatch(/new sst\.aws\.SnsTopic\(ALARM_TOPIC_NAME\)/);
    // Every kind of alarm is handled (the switch is exhaustive in the type system too).
    for (const kind of new Set(alarmsFor("production").map((a) => a.watches.kind)))
      expect(api).toContain(`case "${kind}":`);
  });
});
