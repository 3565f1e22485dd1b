/**
 * What the deployed app is made of, as plain data: functions, the routes and schedules that
 * invoke them, the tables each one may touch and the secrets each one receives.
 *
 * `stacks/api.ts` turns this into SST components; `test/infra/wiring.test.ts` checks it without
 * the SST CLI (handlers exist, tables are linked, names are unique). No `sst` globals here: the
 * tests import this module outside the SST program.
 */

import { TABLE_NAMES, tableSpecs, type TableName } from "../packages/db/src/specs";
import { functionSecrets, functionTables } from "../packages/functions/src/tables";
import { LAMBDA_RUNTIME, type Runtime } from "./lambda-runtimes";
import { stageSettingsFor, type StageSettings } from "./stages";

/** The one Lambda runtime the service is built and tested for, and its AWS schedule: `stacks/lambda-runtimes.ts`. */
export type { Runtime };

/** A Lambda function: the shapes mirror SST v4 `FunctionArgs` so they pass through unchanged. */
export interface FunctionDef {
  /** SST handler format `path/to/file.exportName`, relative to the repo root, no extension. */
  handler: `packages/functions/src/${string}.${string}`;
  runtime: Runtime;
  /** SST `Size`: 128 MB to 10240 MB. */
  memory: `${number} MB`;
  /** SST `DurationMinutes`: at most 900 seconds; an HTTP API integration gives up after 30 s. */
  timeout: `${number} ${"second" | "seconds" | "minute" | "minutes"}`;
  /**
   * Tables the function may use: linked (the name through `Resource`), and its role's DynamoDB actions
   * (`dynamoCommands`) on them and their indexes; `functionTables` in packages/functions.
   */
  tables: readonly TableName[];
  /** The secrets linked to it, the only ones it can read (`functionSecrets` in packages/functions). */
  secrets: readonly SecretName[];
  /**
   * The DynamoDB commands its code sends: its role may take their actions (`dynamoCommandActions`) on its tables and
   * their indexes, nothing else.
   */
  dynamoCommands: readonly DynamoCommand[];
  /**
   * Tables of `tables` the function only looks up through one index with Query, by the index's name: its role may
   * Query that index and nothing else on the table (`lookupOnlyFor`). `test/infra/synth.test.ts` checks that its
   * bundle names the table nowhere else.
   */
  lookupOnly?: Partial<Record<TableName, string>>;
  /** Shown in the Lambda console. */
  description: string;
  /**
   * SST's build options for the function: minified (SST's documentation gives `true` as the default, but
   * its build, `pkg/runtime/node/build.go`, minifies only when the option is passed), and the modules its
   * bundle leaves out (`neverLoaded`).
   */
  nodejs: { minify: true; esbuild: { external: readonly string[] } };
}

/**
 * Modules a deployed function never loads, left out of its bundle: esbuild's `external`, which SST's
 * build passes through. Each is reached only through a dynamic `import()` on a path this service never
 * takes, so the bundle keeps the `import("…")` as text. A function that did take the path would fail
 * there, not at start; or, since Lambda's Node.js runtime also searches its own modules for ES imports,
 * load the runtime's copy of an SDK module, a version never tested with this bundle. Shipped, they were
 * ~470 KB of the GraphQL handler's 1.59 MB minified, parsed at every cold start; the inline-trace plugin
 * and its protobuf also ran at every start (bench/README.md, cold start). `test/infra/bundles.test.ts`
 * checks that each is imported only dynamically, from where it was listed for; `test/infra/synth.test.ts`
 * runs the bundles built this way.
 */
export const neverLoaded = {
  /**
   * The SDK's default credential chain past its first source, the environment: the functions take their
   * role's credentials from the variables Lambda sets (`credentials: "environment"` in
   * packages/db/src/client.ts), so the chain is never built. These sources bring an STS and an SSO client.
   */
  awsCredentialSources: [
    "@aws-sdk/credential-provider-sso",
    "@aws-sdk/credential-provider-ini",
    "@aws-sdk/credential-provider-process",
    "@aws-sdk/credential-provider-web-identity",
    "@aws-sdk/credential-provider-http",
    "@smithy/credential-provider-imds",
  ],
  /**
   * Apollo Server's optional plugins, as its `ApolloServer.js` imports them when it starts, unless a plugin
   * of their kind is installed: usage reporting with `APOLLO_KEY` and `APOLLO_GRAPH_REF`, schema reporting
   * with `APOLLO_SCHEMA_REPORTING=true`, inline traces, the landing page and cache control always.
   * packages/api/src/apollo-features.ts installs the disabled kind of each. The last,
   * disable-suggestions, loads only with `hideSchemaDetailsFromClientErrors`, which the server does not set.
   */
  apolloPlugins: [
    "./plugin/usageReporting/index.js",
    "./plugin/schemaReporting/index.js",
    "./plugin/inlineTrace/index.js",
    "./plugin/landingPage/default/index.js",
    "./plugin/cacheControl/index.js",
    "./plugin/disableSuggestions/index.js",
  ],
} as const;

/**
 * The IAM actions of each DynamoDB command the functions send (packages/db, through the document client): the only
 * DynamoDB actions a function's role gets, on its tables and their indexes (`<table arn>/index/*`). SST's link of an
 * `sst.aws.Dynamo` would allow `dynamodb:*` on the table and all under it: DeleteTable, UpdateTable (which can turn
 * deletion protection off), UpdateContinuousBackups, ExportTableToPointInTime, Scan, PartiQL, for any function,
 * including the webhook functions that call out to the internet. So the link carries only the table's name
 * (stacks/storage.ts) and each function gets these actions for the commands it lists (`dynamoCommands`).
 * TransactWriteItems has no IAM action of its own: each of its items is allowed as the single-item action it is
 * (Put, Update, Delete; a ConditionCheck item would need `dynamodb:ConditionCheckItem`, and none is written). The
 * stream reads of the dispatcher's event source mapping come from `Dynamo.subscribe`, on the stream only.
 * `test/infra/synth.test.ts` finds the commands in each function's bundle and fails on any difference.
 */
export const dynamoCommandActions = {
  GetCommand: ["dynamodb:GetItem"],
  BatchGetCommand: ["dynamodb:BatchGetItem"],
  QueryCommand: ["dynamodb:Query"],
  PutCommand: ["dynamodb:PutItem"],
  UpdateCommand: ["dynamodb:UpdateItem"],
  DeleteCommand: ["dynamodb:DeleteItem"],
  TransactWriteCommand: ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
} as const satisfies Record<string, readonly `dynamodb:${string}`[]>;

/** A DynamoDB command (`@aws-sdk/lib-dynamodb`) the functions send. */
export type DynamoCommand = keyof typeof dynamoCommandActions;

/**
 * The commands of the functions' bundles. A bundle carries every function of a repository namespace it uses (the
 * handlers reach most repositories through the `@seller-ops/db` namespaces), so a job may be allowed a command it
 * never sends: the list is what its bundle can send, which the test can check; narrower would be a guess. The
 * retention job and the configuration import their repository modules directly, so their bundles carry only what
 * they call.
 */
const allCommands = [
  "GetCommand",
  "BatchGetCommand",
  "QueryCommand",
  "PutCommand",
  "UpdateCommand",
  "DeleteCommand",
  "TransactWriteCommand",
] as const satisfies readonly DynamoCommand[];
/** The jobs that open and settle cases delete nothing outside a transaction (the idempotency records are the API's). */
const caseJobCommands = allCommands.filter((c) => c !== "DeleteCommand");
/**
 * The retention job finds what is due (Query) and redacts each item with one conditional write: a case by a Put of
 * its new version, a deposit by an Update.
 */
const retentionCommands = ["QueryCommand", "PutCommand", "UpdateCommand"] as const satisfies readonly DynamoCommand[];
/** The webhook functions' code sends no batch read. */
const webhookCommands = allCommands.filter((c) => c !== "BatchGetCommand");

/**
 * The webhook functions read an API key only to learn whether an endpoint's owner still holds it
 * (`ownerKey` in packages/db: Query on `apiKeysByKeyId`): they may not read a key's hash by the hash, nor create,
 * revoke or rewrite a key, though they call out to the internet.
 */
const ownerKeyLookup = { ApiKeys: "apiKeysByKeyId" } as const satisfies FunctionDef["lookupOnly"];

/** The tables a function only looks up through one index, and that index (`FunctionDef.lookupOnly`). */
export function lookupOnlyFor(fn: FunctionName): Partial<Record<TableName, string>> {
  return (functions[fn] as FunctionDef).lookupOnly ?? {};
}

/** The sorted, distinct DynamoDB actions of a function's commands. */
export function dynamoActionsFor(fn: FunctionName): string[] {
  return [...new Set(functions[fn].dynamoCommands.flatMap((c) => dynamoCommandActions[c]))].sort();
}

/** The build options of a job: it carries the DynamoDB client, not the GraphQL server. */
const jobBuild = { minify: true, esbuild: { external: neverLoaded.awsCredentialSources } } as const;

/** Every function the app deploys, keyed by a camelCase name that routes and schedules refer to. */
export const functions = {
  graphql: {
    handler: "packages/functions/src/graphql.handler",
    runtime: LAMBDA_RUNTIME,
    // Chosen by `npm run bench` (bench/README.md, memory setting): the peak resident memory is
    // ~125 MiB at `first: 100`, so memory is not the limit; the CPU share is (0.58 vCPU here, so a
    // cold start's module init and each request's own work take ~1.7× their one-core time).
    memory: "1024 MB",
    timeout: "29 seconds",
    tables: functionTables.graphql,
    secrets: functionSecrets.graphql,
    dynamoCommands: allCommands,
    description: "GraphQL API for seller operations (queries and mutations over HTTP).",
    nodejs: {
      minify: true,
      esbuild: { external: [...neverLoaded.awsCredentialSources, ...neverLoaded.apolloPlugins] },
    },
  },
  lateOrders: {
    handler: "packages/functions/src/jobs/late-orders.handler",
    runtime: LAMBDA_RUNTIME,
    memory: "512 MB",
    // The job watches its remaining time and stops early; the next run continues where it stopped.
    timeout: "5 minutes",
    tables: functionTables.lateOrders,
    secrets: functionSecrets.lateOrders,
    dynamoCommands: caseJobCommands,
    description: "Flags at-risk and late orders and opens one late-shipment case per late order.",
    nodejs: jobBuild,
  },
  retention: {
    handler: "packages/functions/src/jobs/retention.handler",
    runtime: LAMBDA_RUNTIME,
    memory: "512 MB",
    timeout: "5 minutes",
    tables: functionTables.retention,
    secrets: functionSecrets.retention,
    dynamoCommands: retentionCommands,
    description: "Redacts buyer message bodies and deposit evidence references past their retention period.",
    nodejs: jobBuild,
  },
  caseDeadlines: {
    handler: "packages/functions/src/jobs/case-deadlines.handler",
    runtime: LAMBDA_RUNTIME,
    memory: "512 MB",
    timeout: "5 minutes",
    tables: functionTables.caseDeadlines,
    secrets: functionSecrets.caseDeadlines,
    dynamoCommands: caseJobCommands,
    description: "Expires compensation offers past expiresAt and flags cases past respondBy without a seller answer.",
    nodejs: jobBuild,
  },
  webhookDispatch: {
    handler: "packages/functions/src/webhooks/dispatcher.handler",
    runtime: LAMBDA_RUNTIME,
    memory: "512 MB",
    // A batch's deliveries go out 8 groups at a time, each attempt at most 10 s (deliver.ts); a
    // group stops within its 45 s lease and the retry job continues it.
    timeout: "2 minutes",
    tables: functionTables.webhookDispatch,
    secrets: functionSecrets.webhookDispatch,
    dynamoCommands: webhookCommands,
    lookupOnly: ownerKeyLookup,
    description: "Delivers new events to the webhook endpoints that subscribe to them (Events table stream).",
    nodejs: jobBuild,
  },
  webhookRetries: {
    handler: "packages/functions/src/jobs/webhook-retries.handler",
    runtime: LAMBDA_RUNTIME,
    memory: "512 MB",
    timeout: "5 minutes",
    tables: functionTables.webhookRetries,
    secrets: functionSecrets.webhookRetries,
    dynamoCommands: webhookCommands,
    lookupOnly: ownerKeyLookup,
    description: "Retries due webhook deliveries with backoff and switches endpoints off after repeated failures.",
    nodejs: jobBuild,
  },
} as const satisfies Record<string, FunctionDef>;

/** Name of a defined function: what routes and schedules may point at. */
export type FunctionName = keyof typeof functions;

/** An HTTP API route: `METHOD path` on the API Gateway HTTP API, served by one function. */
export interface RouteDef {
  method: "GET" | "POST";
  path: `/${string}`;
  function: FunctionName;
  /**
   * `apiKey`: the handler checks `Authorization: Bearer <api key>` (partner tools, operators).
   * `jwt`: API Gateway's JWT authorizer verifies the frontend user's token first and the handler
   * reads the verified claims; created only when the stage configures an issuer.
   */
  auth: "apiKey" | "jwt";
}

/** The public HTTP surface; GET serves queries per the GraphQL-over-HTTP spec, POST everything. */
export const routes: readonly RouteDef[] = [
  { method: "POST", path: "/graphql", function: "graphql", auth: "apiKey" },
  { method: "GET", path: "/graphql", function: "graphql", auth: "apiKey" },
  { method: "POST", path: "/app/graphql", function: "graphql", auth: "jwt" },
  { method: "GET", path: "/app/graphql", function: "graphql", auth: "jwt" },
];

/** What a stage is deployed with: its settings in `stacks/stages.ts`, never the deploying shell. */
export type DeployConfig = StageSettings;

/** The deploy configuration of a stage (the same on every deploy, whoever runs it). */
export function deployConfigFor(stage: string): DeployConfig {
  return stageSettingsFor(stage);
}

/** The API's CORS rules (the shape of SST's `ApiGatewayV2Args["cors"]`). */
export interface CorsRules {
  allowOrigins: string[];
  allowMethods: ("GET" | "POST")[];
  allowHeaders: string[];
  /** Response headers a browser script may read. */
  exposeHeaders: string[];
  maxAge: "1 day";
}

/**
 * The API's CORS rules: an explicit allow-list, only what GraphQL over HTTP needs. Browsers hide
 * every response header not exposed here, so `x-request-id` (what a support request quotes) is.
 */
export function corsFor(config: DeployConfig): CorsRules {
  return {
    allowOrigins: [...config.corsAllowOrigins],
    allowMethods: ["GET", "POST"],
    allowHeaders: ["authorization", "content-type", "apollo-require-preflight", "x-apollo-operation-name"],
    exposeHeaders: ["x-request-id"],
    maxAge: "1 day",
  };
}

/**
 * Request throttling of the HTTP API's stage (API Gateway's token bucket, every route and every client together;
 * beyond it API Gateway answers 429 before any Lambda runs). Without it one runaway partner tool could take the
 * account's whole Lambda concurrency, which the jobs and the webhook dispatcher share: they would be throttled too.
 *
 * Lambda concurrency is about requests per second × seconds per request. A GraphQL request takes about 0.1 s at
 * 1024 MB (bench/README.md: the heaviest page ~35 ms of one core here, ×1.7 for the CPU share, plus DynamoDB's
 * round trips), so 200 per second keep ~20 instances busy, ~200 if every request took a cold start's second; a
 * burst of 400 arriving at once needs at most 400 for that moment. On the default quota of 1,000 that leaves the jobs
 * and the dispatcher (about 10 at most) ample room. 200 per second is 17 million requests a day, some 30,000 sellers'
 * days of the bench's mix (bench/README.md, 553 requests), so dashboards at peak are not refused; lower it here for
 * an account with a smaller quota, raise it if the API's `4xx` count shows 429s to well-behaved clients.
 *
 * No function reserves concurrency (`reservedConcurrentExecutions`) instead: AWS refuses a reservation that would
 * leave the account fewer than 100 unreserved, and a new account's quota can be 10, so the deploy would fail there.
 * Ask AWS to raise such an account's quota before production.
 */
export const apiThrottle = { rateLimit: 200, burstLimit: 400 } as const;

/** A scheduled invocation of a function (EventBridge Scheduler through `sst.aws.CronV2`). */
export interface ScheduleDef {
  /** Component name of the cron job, PascalCase, unique in the app. */
  name: string;
  function: FunctionName;
  schedule: `rate(${string})` | `cron(${string})`;
  /**
   * Retries of a failed run, 0 to 2. Scheduler invokes Lambda asynchronously, so this is applied
   * twice: to Scheduler's delivery retries and to Lambda's retries when the handler throws
   * (Lambda allows at most 2).
   */
  retryAttempts: number;
  /** Keep runs that failed every attempt in an SQS queue instead of only in the logs. */
  deadLetterQueue: boolean;
  /**
   * When the job is behind: every run that ended within this period stopped early to stay within its Lambda
   * time (each leaves work for the next; every one of them doing so means the backlog is not shrinking).
   */
  behindPeriodSeconds: number;
}

/** The seconds of a schedule's period (`rate(15 minutes)` → 900); null for a `cron(…)` expression. */
export function schedulePeriodSeconds(schedule: ScheduleDef["schedule"]): number | null {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(schedule);
  if (!rate) return null;
  const unit = { minute: 60, hour: 3600, day: 86_400 }[rate[2]!.replace(/s$/, "") as "minute" | "hour" | "day"];
  return Number(rate[1]) * unit;
}

/**
 * How long Lambda keeps a scheduled run it could not start yet (the account's concurrency all taken: it queues an
 * asynchronous invocation and retries it) before giving it up to the job's dead-letter queue: one period of the
 * schedule, by then the next run is due and does the same work. Lambda's default, 6 hours, would let two hours of
 * throttling queue 120 runs of a one-minute job, to start all at once when concurrency frees up and take it again
 * from the API. Lambda allows 60 s to 6 hours; a cron schedule keeps the default.
 */
export function staleRunAgeSeconds(job: ScheduleDef): number {
  const period = schedulePeriodSeconds(job.schedule) ?? 21_600;
  return Math.min(Math.max(period, 60), 21_600);
}

/** Scheduled jobs. */
export const schedules: readonly ScheduleDef[] = [
  {
    name: "LateOrders",
    function: "lateOrders",
    schedule: "rate(15 minutes)",
    retryAttempts: 2,
    deadLetterQueue: true,
    behindPeriodSeconds: 3600,
  },
  // Every minute: until it records a lapsed offer, the case reads AWAITING_SELLER but the `cases` status filter and
  // the seller's overview still find it under OFFER_PENDING (schema, `Case.status`), and a case past `respondBy` is
  // not yet flagged. A run that finds nothing due is four index Queries (one per shard) and a short invocation: 1,440
  // runs a day cost well under a cent (Lambda requests and GB-seconds, read units; Scheduler's free tier). Not
  // retried, as the webhook retry job: the next run comes a minute later and takes up the same due cases (every write
  // is conditional), where retries would overlap it.
  {
    name: "CaseDeadlines",
    function: "caseDeadlines",
    schedule: "rate(1 minute)",
    retryAttempts: 0,
    deadLetterQueue: true,
    behindPeriodSeconds: 3600,
  },
  // Hourly: a body or a reference is redacted within the hour it falls due, and a backlog (after an outage, or the
  // first deploy's migration) shrinks by a run's worth every hour, not every day. A run with nothing due is a few
  // index Queries.
  {
    name: "Retention",
    function: "retention",
    schedule: "rate(1 hour)",
    retryAttempts: 2,
    deadLetterQueue: true,
    behindPeriodSeconds: 24 * 3600,
  },
  // Every minute, so the first retry (1 minute after a failure) and a redelivery wait at most a
  // minute more. A failed run is not retried: the next one comes a minute later and retries the same.
  {
    name: "WebhookRetries",
    function: "webhookRetries",
    schedule: "rate(1 minute)",
    retryAttempts: 0,
    deadLetterQueue: true,
    behindPeriodSeconds: 15 * 60,
  },
];

/**
 * A function fed by a table's DynamoDB stream (a Lambda event source mapping, `Dynamo.subscribe`).
 * Lambda reads each shard in order and gives one batch at a time per shard; a batch the handler
 * fails is retried, split in halves to isolate the failing record, and given up to the dead-letter
 * queue (the batch's shard and sequence numbers, to replay by hand) after `maximumRetryAttempts`.
 */
export interface StreamDef {
  /** Component name of the subscription, PascalCase, unique in the app. */
  name: string;
  table: TableName;
  function: FunctionName;
  /** Records per invocation. */
  batchSize: number;
  /** How long Lambda gathers records before invoking with a smaller batch. */
  maximumBatchingWindowInSeconds: number;
  /** Retries of a failing batch before it goes to the dead-letter queue. */
  maximumRetryAttempts: number;
  /** Split a failing batch in two and retry each half: one bad record does not hold its neighbours back. */
  bisectBatchOnFunctionError: boolean;
  /** Only records that match (Lambda event filtering): the dispatcher wants new items only. */
  filters: Record<string, unknown>[];
  /**
   * When the stream is behind: the oldest record handed to the function had waited this long (Lambda's `IteratorAge`).
   * DynamoDB keeps a stream's records 24 hours; one not read by then is gone from the stream.
   */
  lagAlarmSeconds: number;
}

export const streams: readonly StreamDef[] = [
  {
    name: "WebhookDispatch",
    table: "Events",
    function: "webhookDispatch",
    batchSize: 100,
    maximumBatchingWindowInSeconds: 0,
    maximumRetryAttempts: 10,
    bisectBatchOnFunctionError: true,
    // Events are written once: a MODIFY (a redaction) or a REMOVE (TTL) is not a new event.
    filters: [{ eventName: ["INSERT"] }],
    // Healthy, a record waits seconds (no batching window). One batch at a time per shard, so a batch that runs to
    // the 2-minute timeout delays the next by that much; 15 minutes is several such batches in a row, or a batch
    // failing its retries (also WebhookDispatchFailuresAlarm). Receivers then wait that long for their events, and
    // 23¾ of the stream's 24 hours are left to act before records are trimmed unread.
    lagAlarmSeconds: 15 * 60,
  },
];

/** A secret set per stage with `sst secret set <name> <value>`, linked to functions (`Resource.<name>.value`). */
export interface SecretDef {
  name: string;
  purpose: string;
}

/**
 * Every secret; each is linked to the functions that read it (`FunctionDef.secrets`), encrypted in their
 * `resource.enc`, not a plain variable.
 */
export const secrets = [
  { name: "CursorSecret", purpose: "HMAC key that signs pagination cursors" },
  { name: "WebhookSecretKey", purpose: "key that seals webhook signing secrets at rest (AES-256-GCM)" },
] as const satisfies readonly SecretDef[];

/** Name of a defined secret: the key of the values `environmentFor` expects. */
export type SecretName = (typeof secrets)[number]["name"];

/** Value of `APP_MODE`: only the production stage runs in production mode. */
export type AppMode = "production" | "development";

/** The mode a stage runs in, so that the stage name alone decides it. */
export function appModeFor(stage: string): AppMode {
  return stage === "production" ? "production" : "development";
}

/**
 * The plain environment of one function: the libraries' mode, the app mode, and for a routed function
 * the frontend token's seller claim. Tables and secrets are not here: they are links (`linksFor`).
 *
 * `NODE_ENV=production` on every stage: it is the libraries' switch, not the app's (that is
 * `APP_MODE`). Lambda leaves it unset and SST's build does not define it, so graphql-js would run its
 * development checks (each failed type test also looks for a second copy of graphql): ~8 ms more of
 * module init, and more per request (bench/README.md, cold start). Apollo's own defaults that follow
 * it are all set explicitly in packages/api/src/server.ts.
 */
export function environmentFor(fn: FunctionName, stage: string): Record<string, string> {
  const env: Record<string, string> = { NODE_ENV: "production", APP_MODE: appModeFor(stage) };
  if (routes.some((r) => r.function === fn && r.auth === "jwt"))
    env.JWT_SELLER_CLAIM = deployConfigFor(stage).jwtSellerClaim;
  return env;
}

/** What a function is linked to (component names): its tables and its secrets. */
export function linksFor(fn: FunctionName): string[] {
  return [...functions[fn].tables, ...functions[fn].secrets];
}

/** SST component name of a routed function (`graphql` → `Graphql`); must be unique in the app. */
export function functionComponentName(name: FunctionName): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** SST component name of a schedule's or a stream subscription's dead-letter queue. */
export function deadLetterQueueName(source: Pick<ScheduleDef | StreamDef, "name">): string {
  return `${source.name}DeadLetters`;
}

/** Every top-level SST component name the stacks create; SST refuses duplicates (case-insensitive). */
export function componentNames(): string[] {
  const routed = [...new Set(routes.map((r) => r.function))];
  return [
    ...TABLE_NAMES,
    "Api",
    ...secrets.map((s) => s.name),
    ...routed.map(functionComponentName),
    ...schedules.map((s) => s.name),
    ...schedules.filter((s) => s.deadLetterQueue).map(deadLetterQueueName),
    ...streams.map(deadLetterQueueName),
    ALARM_TOPIC_NAME,
  ];
}

/** Only the production stage is protected and watched; other stages are throwaway. */
export function isProduction(stage: string): boolean {
  return appModeFor(stage) === "production";
}

/**
 * The trust policy of every function's role: only the Lambda service may assume it. SST's Function means to add the
 * account (`arn:aws:iam::<account>:root`) only under `sst dev`, but decides with `!dev` on a Pulumi Output, which is
 * always truthy, so every deployed role trusted the account too: any principal of the account allowed
 * `sts:AssumeRole` on `*` could take the GraphQL role (every table's data) or a webhook role (the sealing key).
 * `stacks/api.ts` sets this through each function's `transform.role` (`roleTrustFor`).
 */
export const LAMBDA_TRUST_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
} as const;

/**
 * Who may assume a function's role on a stage: `lambda` (`LAMBDA_TRUST_POLICY`) whenever the stage is deployed
 * (`sst deploy`), every stage. Only `sst dev` on a stage other than production keeps SST's own policy, which adds
 * the account: its Live mode runs the functions on the developer's machine, and SST trusts the account so that
 * local processes can work as the function's role. This project develops with `npm start` (docs/running-it.md),
 * so that is only for someone who tries Live on a personal stage. Production trusts Lambda alone even then: a
 * local function that cannot take a production role is the safe failure.
 */
export function roleTrustFor(stage: string, dev: boolean): "lambda" | "lambda-and-account" {
  return dev && !isProduction(stage) ? "lambda-and-account" : "lambda";
}

/** How a table is kept safe (applied through `transform.table` to the Pulumi `aws.dynamodb.Table`). */
export interface TableProtection {
  /** DynamoDB refuses DeleteTable (on top of the app's `protect` and `removal: "retain"` in production). */
  deletionProtection: boolean;
  /** Continuous backups: restore to any second of the last 35 days. */
  pointInTimeRecovery: boolean;
}

/**
 * Every table of a stage gets the same protection: point-in-time recovery always, deletion protection in production.
 */
export function tableProtectionFor(stage: string): TableProtection {
  return { deletionProtection: isProduction(stage), pointInTimeRecovery: true };
}

/** The retention values SST accepts for `logging.retention` and `accessLog.retention` (its `RETENTION` table). */
export const LOG_RETENTIONS = [
  "1 day",
  "3 days",
  "5 days",
  "1 week",
  "2 weeks",
  "1 month",
  "2 months",
  "3 months",
  "4 months",
  "5 months",
  "6 months",
  "1 year",
  "13 months",
  "18 months",
  "2 years",
  "3 years",
  "5 years",
  "6 years",
  "7 years",
  "8 years",
  "9 years",
  "10 years",
  "forever",
] as const;
export type LogRetention = (typeof LOG_RETENTIONS)[number];

/**
 * How long CloudWatch keeps the functions' logs and the API's access logs. SST's default is one
 * month (`logging.retention` and `accessLog.retention` both default to "1 month"); production keeps half a year
 * (incident reviews, disputes that surface months later),
 * other stages two weeks.
 */
export const logRetention = { production: "6 months", other: "2 weeks" } as const satisfies Record<
  "production" | "other",
  LogRetention
>;

export function logRetentionFor(stage: string): LogRetention {
  return isProduction(stage) ? logRetention.production : logRetention.other;
}

/** A period in words: "in a day", "in an hour", "in 15 minutes". */
function periodWords(seconds: number): string {
  if (seconds === 24 * 3600) return "in a day";
  if (seconds === 3600) return "in an hour";
  return `in ${durationWords(seconds)}`;
}

/** A whole number of minutes or hours in words: 60 → "1 minute", 900 → "15 minutes", 21600 → "6 hours". */
function durationWords(seconds: number): string {
  const [count, unit] = seconds % 3600 === 0 ? [seconds / 3600, "hour"] : [Math.round(seconds / 60), "minute"];
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

/** The `service` a job's metrics are written under: its function's name in kebab case (`lateOrders`: `late-orders`). */
export function jobService(fn: FunctionName): string {
  return fn.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The SNS topic every alarm notifies (subscribe an e-mail or a chat hook to it per stage). */
export const ALARM_TOPIC_NAME = "Alarms";

/** What an alarm watches; `stacks/api.ts` turns each kind into CloudWatch metrics. */
export type AlarmWatch =
  /** AWS/Lambda `Errors` of a scheduled job's or a stream handler's function: it throws when any item failed. */
  | { kind: "job-failures"; function: FunctionName }
  /**
   * AWS/SQS `ApproximateNumberOfMessagesVisible` of a schedule's (or stream's, by its name) dead-letter queue: runs or
   * batches that failed every retry.
   */
  | { kind: "dead-letters"; schedule: string }
  /** AWS/ApiGateway `5xx` as a percentage of `Count` on the HTTP API, once it has `minRequests` in a period. */
  | { kind: "graphql-5xx-rate"; minRequests: number }
  /**
   * SellerOps `stoppedEarly` (Average) of a job's service (its function's name in kebab case): 1 when every run of
   * the period left work behind.
   */
  | { kind: "job-behind"; function: FunctionName; service: string }
  /** SellerOps `internalErrors` (service `graphql`): masked internal errors, which GraphQL answers with HTTP 200. */
  | { kind: "graphql-internal-errors" }
  /**
   * AWS/DynamoDB `ReadThrottleEvents` + `WriteThrottleEvents` of a table (on-demand tables throttle on hot keys), or,
   * with `indexes`, of those global secondary indexes of it: the table's own series leaves its indexes out, and every
   * job reads its work through an index.
   */
  | { kind: "dynamodb-throttles"; table: TableName; indexes?: readonly string[] }
  /**
   * AWS/Lambda `Throttles` (Sum) of a scheduled job's or a stream handler's function: invocations refused because the
   * account's concurrency was taken (no function reserves any; see `apiThrottle`).
   */
  | { kind: "lambda-throttles"; function: FunctionName }
  /**
   * AWS/Lambda `IteratorAge` (Maximum, milliseconds) of a stream handler's function: how long the last record of a
   * batch had been in the stream when the batch was handed to the function.
   */
  | { kind: "stream-iterator-age"; function: FunctionName }
  /**
   * SellerOps `unreadable` (Sum) of a stream handler's service: records it logged and skipped because this release
   * cannot read them; or `unreadableEndpoints`: webhook endpoint items it (or the webhook retry job) could not read,
   * which receive nothing meanwhile; or `unreadableDeliveries`: groups it stopped at a delivery item it could not
   * read, which wait for it. The invocation succeeds, so `Errors` never counts any of them.
   */
  | {
      kind: "stream-unreadable";
      function: FunctionName;
      service: string;
      metric: "unreadable" | "unreadableEndpoints" | "unreadableDeliveries";
    };

/**
 * A CloudWatch alarm: in alarm when the watched value is at or above `threshold` for `evaluationPeriods` periods in a
 * row.
 */
export interface AlarmDef {
  /** Resource name, PascalCase, unique. */
  name: string;
  description: string;
  watches: AlarmWatch;
  threshold: number;
  periodSeconds: number;
  evaluationPeriods: number;
}

/**
 * The production stage's alarms: every scheduled job's failures, dead letters and Lambda throttles, the stream
 * handler's failures, dead letters, skipped records, lag and Lambda throttles, the GraphQL API's 5xx rate and internal
 * errors, and throttling on every table. Other stages get none (nobody is paged for them).
 */
export function alarmsFor(stage: string): AlarmDef[] {
  if (!isProduction(stage)) return [];
  return [
    ...schedules.map((job) => ({
      name: `${job.name}FailuresAlarm`,
      description:
        `The ${job.name} job failed (it throws when any item failed; see its logs). Retries are safe: every write ` +
        `is conditional.`,
      watches: { kind: "job-failures" as const, function: job.function },
      threshold: 1,
      periodSeconds: 15 * 60,
      evaluationPeriods: 1,
    })),
    ...schedules.map((job) => ({
      name: `${job.name}BehindAlarm`,
      description:
        `Every ${job.name} run ${periodWords(job.behindPeriodSeconds)} stopped early to stay within its ` +
        "Lambda time: its due work is not shrinking (a backlog after an outage, or more work than a run can do). " +
        "Nothing is lost, each run goes on where the last stopped; if it persists, raise the function's timeout or " +
        "run the job by hand.",
      watches: { kind: "job-behind" as const, function: job.function, service: jobService(job.function) },
      // The average of the runs' 0 or 1: 1 when every run of the period stopped early, however many ran (a
      // retried run writes its line again, and runs of a 1-minute job with a 5-minute timeout overlap).
      threshold: 1,
      periodSeconds: job.behindPeriodSeconds,
      evaluationPeriods: 1,
    })),
    ...schedules
      .filter((job) => job.deadLetterQueue)
      .map((job) => ({
        name: `${job.name}DeadLettersAlarm`,
        description:
          `A ${job.name} run failed every retry, or Lambda could not start it within ` +
          `${durationWords(staleRunAgeSeconds(job))} (throttled: see its throttles alarm), and is kept in ` +
          `${deadLetterQueueName(job)}: read it, fix the cause, rerun the job by hand.`,
        watches: { kind: "dead-letters" as const, schedule: job.name },
        threshold: 1,
        periodSeconds: 5 * 60,
        evaluationPeriods: 1,
      })),
    ...streams.map((stream) => ({
      name: `${stream.name}FailuresAlarm`,
      description:
        `The ${stream.name} stream handler failed a batch (Lambda retries it, bisecting; the events wait). See its ` +
        `logs; its deliveries already recorded are retried by the retry job.`,
      watches: { kind: "job-failures" as const, function: stream.function },
      threshold: 1,
      periodSeconds: 15 * 60,
      evaluationPeriods: 1,
    })),
    ...streams.map((stream) => ({
      name: `${stream.name}UnreadableAlarm`,
      description:
        `The ${stream.name} stream handler skipped an event record it cannot read (a type or shape a newer release ` +
        `wrote): that event has no delivery and no retry. Find it in the handler's "skipped an event record" log ` +
        `line; once a release that reads it runs, redeliver it to each endpoint subscribed to its type ` +
        `(redeliverWebhookEvent, docs/webhooks.md).`,
      watches: {
        kind: "stream-unreadable" as const,
        function: stream.function,
        service: jobService(stream.function),
        metric: "unreadable" as const,
      },
      threshold: 1,
      periodSeconds: 5 * 60,
      evaluationPeriods: 1,
    })),
    // The retry job reads endpoints too: one whose only deliveries left are retries is seen by it alone.
    ...[...streams, ...schedules.filter((job) => job.function === "webhookRetries")].map((reader) => ({
      name: `${reader.name}UnreadableEndpointsAlarm`,
      description:
        `The ${reader.name} function skipped a webhook endpoint item it cannot read (a value a newer release ` +
        `wrote, or a hand edit): that endpoint receives nothing until it reads again. Find it in the "skipped an ` +
        `endpoint it cannot read" log line (scope and endpointId), mend the item or finish the deploy, then ` +
        `redeliver what it missed (docs/webhooks.md).`,
      watches: {
        kind: "stream-unreadable" as const,
        function: reader.function,
        service: jobService(reader.function),
        metric: "unreadableEndpoints" as const,
      },
      threshold: 1,
      periodSeconds: 5 * 60,
      evaluationPeriods: 1,
    })),
    ...streams.map((stream) => ({
      name: `${stream.name}UnreadableDeliveriesAlarm`,
      description:
        `The ${stream.name} stream handler stopped at a webhook delivery item it cannot read (a value a newer ` +
        `release wrote, or a hand edit): the deliveries behind it, of the same endpoint and object, wait for it. ` +
        `Find it in the "stopped at a delivery it cannot read" log line (group and position), mend the item or ` +
        `finish the deploy; the group then goes on in order (docs/webhooks.md).`,
      watches: {
        kind: "stream-unreadable" as const,
        function: stream.function,
        service: jobService(stream.function),
        metric: "unreadableDeliveries" as const,
      },
      threshold: 1,
      periodSeconds: 5 * 60,
      evaluationPeriods: 1,
    })),
    ...streams.map((stream) => ({
      name: `${stream.name}IteratorAgeAlarm`,
      description:
        `The ${stream.table} stream is behind: a record waited more than ${stream.lagAlarmSeconds / 60} minutes ` +
        `before the ${stream.name} handler got it. Records are kept 24 hours: look for a failing or slow batch ` +
        `(Errors, Duration, Throttles of the function) before they are trimmed unread.`,
      watches: { kind: "stream-iterator-age" as const, function: stream.function },
      threshold: stream.lagAlarmSeconds * 1000,
      periodSeconds: 5 * 60,
      evaluationPeriods: 1,
    })),
    ...[
      ...schedules.map((job) => ({
        source: job,
        waits:
          `Lambda retries a throttled run for up to ${durationWords(staleRunAgeSeconds(job))}, then gives it to ` +
          `${deadLetterQueueName(job)} (the next run does the same work)`,
      })),
      ...streams.map((stream) => ({ source: stream, waits: "its batches wait on their shard (IteratorAge grows)" })),
    ].map(({ source, waits }) => ({
      name: `${source.name}LambdaThrottlesAlarm`,
      description:
        `Lambda throttled the ${source.name} function: the account's concurrency was all taken (the API under load, ` +
        `or another app of the account; no function reserves any). Nothing is lost yet: ${waits}.`,
      watches: { kind: "lambda-throttles" as const, function: source.function },
      threshold: 1,
      periodSeconds: 5 * 60,
      evaluationPeriods: 1,
    })),
    ...streams.map((stream) => ({
      name: `${stream.name}DeadLettersAlarm`,
      description:
        `A batch of the ${stream.table} stream failed every retry and is described in ` +
        `${deadLetterQueueName(stream)}: ` +
        `fix the cause, then replay its records (their events are still in the ${stream.table} table).`,
      watches: { kind: "dead-letters" as const, schedule: stream.name },
      threshold: 1,
      periodSeconds: 5 * 60,
      evaluationPeriods: 1,
    })),
    {
      name: "Graphql5xxRateAlarm",
      description:
        "More than 5% of GraphQL requests answered 5xx for 10 minutes (internal errors, timeouts, throttled Lambda).",
      watches: { kind: "graphql-5xx-rate", minRequests: 20 },
      threshold: 5,
      periodSeconds: 5 * 60,
      evaluationPeriods: 2,
    },
    {
      name: "GraphqlInternalErrorsAlarm",
      description:
        "GraphQL answered internal errors (masked, with HTTP 200, so the 5xx alarm cannot see them): " +
        'find the request ids in the function\'s "internal error" log lines.',
      watches: { kind: "graphql-internal-errors" },
      threshold: 3,
      periodSeconds: 5 * 60,
      evaluationPeriods: 1,
    },
    ...TABLE_NAMES.map((table) => ({
      name: `${table}ThrottlesAlarm`,
      description: `DynamoDB throttled requests on the ${table} table (a hot partition key, or an account limit).`,
      watches: { kind: "dynamodb-throttles" as const, table },
      threshold: 1,
      periodSeconds: 5 * 60,
      evaluationPeriods: 1,
    })),
    ...TABLE_NAMES.flatMap((table) =>
      indexGroups(table).map((indexes, i) => ({
        name: `${table}IndexThrottles${i === 0 ? "" : i + 1}Alarm`,
        description:
          `DynamoDB throttled reads or writes on the ${table} table's indexes ${indexes.join(", ")} (a hot index ` +
          "key: several put all their items under one value; a throttled index write also throttles the table's).",
        watches: { kind: "dynamodb-throttles" as const, table, indexes },
        threshold: 1,
        periodSeconds: 5 * 60,
        evaluationPeriods: 1,
      })),
    ),
  ];
}

/**
 * An alarm on metric math reads at most 10 metrics (a hard CloudWatch limit, refused at deploy): an index takes two
 * (reads and writes), so a table's indexes are watched 5 to an alarm.
 */
export const INDEXES_PER_THROTTLE_ALARM = 5;

/** A table's global secondary indexes, in groups of at most `INDEXES_PER_THROTTLE_ALARM`, each one alarm's. */
function indexGroups(table: TableName): string[][] {
  const names = Object.keys(tableSpecs[table].globalIndexes);
  const groups: string[][] = [];
  for (let i = 0; i < names.length; i += INDEXES_PER_THROTTLE_ALARM)
    groups.push(names.slice(i, i + INDEXES_PER_THROTTLE_ALARM));
  return groups;
}
