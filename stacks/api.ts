/**
 * The compute side, built from `stacks/wiring.ts`: secrets, the HTTP API and its functions, and
 * the scheduled jobs. Tables come from `stacks/storage.ts`.
 *
 * Uses the `sst`, `aws` and `$app` globals declared by `.sst/platform/config.d.ts` (written offline by
 * `tools/sst-platform.ts`), so it is type-checked by `tsconfig.sst.json` against the installed SST's
 * components; only `sst.config.ts` imports it, inside `run()`.
 */

import type { TableName } from "../packages/db/src/specs";
import {
  ALARM_TOPIC_NAME,
  alarmsFor,
  apiThrottle,
  corsFor,
  deadLetterQueueName,
  deployConfigFor,
  dynamoActionsFor,
  environmentFor,
  functionComponentName,
  functions,
  LAMBDA_TRUST_POLICY,
  linksFor,
  lookupOnlyFor,
  logRetentionFor,
  roleTrustFor,
  routes,
  schedules,
  staleRunAgeSeconds,
  secrets,
  streams,
  type AlarmDef,
  type FunctionDef,
  type FunctionName,
  type SecretName,
} from "./wiring";

/** SQS keeps a message at most 14 days; a failed run should still be there after a long weekend. */
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/**
 * Creates the API, the scheduled jobs over the given tables and, in production, their alarms; returns the API's URL
 * and, where there are alarms, their SNS topic's ARN (what the on-call subscribes to: README, Deploy).
 */
export function createApi(tables: Record<TableName, sst.aws.Dynamo>) {
  const secretComponents = Object.fromEntries(secrets.map((s) => [s.name, new sst.Secret(s.name)])) as Record<
    SecretName,
    sst.Secret
  >;

  /**
   * The DynamoDB actions a function's code sends, on its tables and their indexes: the links carry no permission
   * (stacks/storage.ts), so nothing on the tables themselves (DeleteTable, UpdateTable, backups, exports). A table it
   * only looks up through one index (`lookupOnlyFor`) gets Query on that index alone.
   */
  function dynamoPermissions(name: FunctionName): sst.aws.FunctionPermissionArgs[] {
    const lookups = lookupOnlyFor(name);
    const full = functions[name].tables.filter((table) => !(table in lookups));
    const onFullTables = full.flatMap((table) => [tables[table].arn, $interpolate`${tables[table].arn}/index/*`]);
    return [
      // No statement at all when every table is a lookup: IAM rejects a statement with no resources.
      ...(full.length > 0 ? [{ actions: dynamoActionsFor(name), resources: onFullTables }] : []),
      ...Object.entries(lookups).map(([table, index]) => ({
        actions: ["dynamodb:Query"],
        resources: [$interpolate`${tables[table as TableName].arn}/index/${index}`],
      })),
    ];
  }

  /**
   * The role transform of every function: trusted by the Lambda service alone (`roleTrustFor` in stacks/wiring.ts
   * says why SST's own policy would let the whole account assume it). Empty only under `sst dev` off production.
   */
  const lambdaOnly = roleTrustFor($app.stage, $dev) === "lambda";
  const roleTransform = lambdaOnly ? { role: { assumeRolePolicy: JSON.stringify(LAMBDA_TRUST_POLICY) } } : {};

  /**
   * `FunctionArgs` of a function: its links (tables and secrets, read through `Resource`), its DynamoDB permission,
   * its plain environment and its role's trust. A job or a subscriber adds its dead-letter queue's permission to the
   * DynamoDB one; a job adds its invoke configuration to the transform.
   */
  function functionArgs(name: FunctionName): sst.aws.FunctionArgs {
    const def: FunctionDef = functions[name];
    const linked: Record<string, sst.aws.Dynamo | sst.Secret> = { ...tables, ...secretComponents };
    return {
      handler: def.handler,
      runtime: def.runtime,
      memory: def.memory,
      timeout: def.timeout,
      description: def.description,
      nodejs: { minify: def.nodejs.minify, esbuild: { external: [...def.nodejs.esbuild.external] } },
      link: linksFor(name).map((component) => linked[component]),
      permissions: dynamoPermissions(name),
      environment: environmentFor(name, $app.stage),
      logging: { retention: logRetentionFor($app.stage) },
      transform: { ...roleTransform },
    };
  }

  // One Lambda per routed function, shared by all of its routes (POST and GET /graphql hit the
  // same warm instances), rather than one Lambda per route.
  const deploy = deployConfigFor($app.stage);
  const api = new sst.aws.ApiGatewayV2("Api", {
    accessLog: { retention: logRetentionFor($app.stage) },
    cors: corsFor(deploy),
    // Every route, every client together: a runaway client gets 429s before it takes the account's Lambda
    // concurrency from the jobs and the dispatcher (`apiThrottle` says why there and not reserved concurrency).
    transform: {
      stage: {
        defaultRouteSettings: {
          throttlingRateLimit: apiThrottle.rateLimit,
          throttlingBurstLimit: apiThrottle.burstLimit,
        },
      },
    },
  });
  // Frontend users: API Gateway verifies their token (issuer, audience, signature, expiry) before
  // the handler reads the claims. Without an issuer the stage has no JWT routes.
  const frontend = deploy.jwt
    ? api.addAuthorizer({ name: "Frontend", jwt: { issuer: deploy.jwt.issuer, audiences: deploy.jwt.audiences } })
    : null;
  const routed = new Map<FunctionName, sst.aws.Function>();
  for (const route of routes) {
    let fn = routed.get(route.function);
    if (!fn) {
      fn = new sst.aws.Function(functionComponentName(route.function), functionArgs(route.function));
      routed.set(route.function, fn);
    }
    if (route.auth === "jwt") {
      if (frontend) api.route(`${route.method} ${route.path}`, fn.arn, { auth: { jwt: { authorizer: frontend.id } } });
      continue;
    }
    api.route(`${route.method} ${route.path}`, fn.arn);
  }

  // Scheduler invokes Lambda asynchronously: `retries` on the cron covers delivery, `retries` on
  // the function covers a throwing handler. The same queue receives both kinds of failure.
  const jobFunctionNames = new Map<FunctionName, $util.Output<string>>();
  const deadLetterQueueNames = new Map<string, $util.Output<string>>();
  for (const job of schedules) {
    const deadLetters = job.deadLetterQueue
      ? new sst.aws.Queue(deadLetterQueueName(job), {
          transform: { queue: { messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS } },
        })
      : undefined;
    if (deadLetters) deadLetterQueueNames.set(job.name, deadLetters.nodes.queue.name);
    const args = functionArgs(job.function);
    const cron = new sst.aws.CronV2(job.name, {
      schedule: job.schedule,
      retries: job.retryAttempts,
      ...(deadLetters ? { dlq: deadLetters.arn } : {}),
      function: {
        ...args,
        retries: job.retryAttempts,
        ...(deadLetters
          ? {
              permissions: [
                ...dynamoPermissions(job.function),
                { actions: ["sqs:SendMessage"], resources: [deadLetters.arn] },
              ],
              transform: {
                ...args.transform,
                eventInvokeConfig: {
                  destinationConfig: { onFailure: { destination: deadLetters.arn } },
                  maximumEventAgeInSeconds: staleRunAgeSeconds(job),
                },
              },
            }
          : {}),
      },
    });
    jobFunctionNames.set(
      job.function,
      cron.nodes.function.apply((fn) => fn.name),
    );
  }

  // Stream subscriptions: Lambda polls the table's stream, one batch at a time per shard (in
  // order), retries a failing batch bisected, and sends what still fails to a dead-letter queue.
  // The mapping's role is the function's, so the function may send to that queue.
  for (const stream of streams) {
    const deadLetters = new sst.aws.Queue(deadLetterQueueName(stream), {
      transform: { queue: { messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS } },
    });
    deadLetterQueueNames.set(stream.name, deadLetters.nodes.queue.name);
    const args = functionArgs(stream.function);
    const subscriber = tables[stream.table].subscribe(
      stream.name,
      {
        ...args,
        permissions: [
          ...dynamoPermissions(stream.function),
          { actions: ["sqs:SendMessage"], resources: [deadLetters.arn] },
        ],
      },
      {
        filters: stream.filters,
        transform: {
          eventSourceMapping: {
            // From the oldest record kept (24 h): events written while the mapping is created are delivered too.
            startingPosition: "TRIM_HORIZON",
            batchSize: stream.batchSize,
            maximumBatchingWindowInSeconds: stream.maximumBatchingWindowInSeconds,
            maximumRetryAttempts: stream.maximumRetryAttempts,
            bisectBatchOnFunctionError: stream.bisectBatchOnFunctionError,
            // One batch at a time per shard: records of a shard are handled in order.
            parallelizationFactor: 1,
            destinationConfig: { onFailure: { destinationArn: deadLetters.arn } },
          },
        },
      },
    );
    jobFunctionNames.set(
      stream.function,
      subscriber.nodes.function.apply((fn) => fn.name),
    );
  }

  // CloudWatch alarms (production only, see `alarmsFor`), all notifying one SNS topic.
  const alarms = alarmsFor($app.stage);
  let alarmTopicArn: $util.Output<string> | undefined;
  if (alarms.length > 0) {
    const topic = new sst.aws.SnsTopic(ALARM_TOPIC_NAME);
    alarmTopicArn = topic.arn;
    const required = <T>(value: T | undefined, what: string): T => {
      if (value === undefined) throw new Error(`Alarm on ${what}, which the stack does not create.`);
      return value;
    };

    /** The metric (or metric math) an alarm watches, as `aws.cloudwatch.MetricAlarmArgs` fields. */
    const metricOf = (alarm: AlarmDef): Partial<aws.cloudwatch.MetricAlarmArgs> => {
      const period = alarm.periodSeconds;
      const watches = alarm.watches;
      // A metric AWS/Lambda keeps per function, for a job's or a stream handler's function.
      const lambdaMetric = (metricName: string, statistic: string, fn: FunctionName) => ({
        namespace: "AWS/Lambda",
        metricName,
        statistic,
        period,
        dimensions: { FunctionName: required(jobFunctionNames.get(fn), `function ${fn}`) },
      });
      switch (watches.kind) {
        case "job-failures":
          return lambdaMetric("Errors", "Sum", watches.function);
        case "dead-letters":
          return {
            namespace: "AWS/SQS",
            metricName: "ApproximateNumberOfMessagesVisible",
            statistic: "Maximum",
            period,
            dimensions: {
              QueueName: required(deadLetterQueueNames.get(watches.schedule), `dead letters of ${watches.schedule}`),
            },
          };
        case "graphql-5xx-rate": {
          const apiMetric = (id: string, metricName: string) => ({
            id,
            metric: {
              namespace: "AWS/ApiGateway",
              metricName,
              stat: "Sum",
              period,
              dimensions: { ApiId: api.nodes.api.id },
            },
          });
          return {
            metricQueries: [
              apiMetric("errors", "5xx"),
              apiMetric("requests", "Count"),
              {
                id: "rate",
                label: "5xx responses, % of requests",
                expression: `IF(requests >= ${watches.minRequests}, 100 * errors / requests, 0)`,
                returnData: true,
              },
            ],
          };
        }
        case "job-behind":
          // Written by every scheduled job's handler as an EMF line (1 for a run that stopped early, else 0).
          return {
            namespace: "SellerOps",
            metricName: "stoppedEarly",
            statistic: "Average",
            period,
            dimensions: { service: watches.service },
          };
        case "graphql-internal-errors":
          // Written by the GraphQL function's `internalErrorMetricsPlugin` as an EMF line.
          return {
            namespace: "SellerOps",
            metricName: "internalErrors",
            statistic: "Sum",
            period,
            dimensions: { service: "graphql" },
          };
        case "dynamodb-throttles": {
          // The table's own series, or each index's: CloudWatch keeps an index's throttles apart, under the index's
          // name as a second dimension, and the table's series leaves them out.
          const sources = watches.indexes ?? [null];
          const throttleMetric = (id: string, metricName: string, index: string | null) => ({
            id,
            metric: {
              namespace: "AWS/DynamoDB",
              metricName,
              stat: "Sum",
              period,
              dimensions: {
                TableName: tables[watches.table].name,
                ...(index === null ? {} : { GlobalSecondaryIndexName: index }),
              },
            },
          });
          const metrics = sources.flatMap((index, i) => [
            throttleMetric(`reads${i}`, "ReadThrottleEvents", index),
            throttleMetric(`writes${i}`, "WriteThrottleEvents", index),
          ]);
          return {
            metricQueries: [
              ...metrics,
              // DynamoDB publishes a throttle metric only for a period with throttled requests, and a sum with a
              // side that has no data point has none either: without FILL, throttled writes alone never alarm.
              {
                id: "throttles",
                label: "Throttled reads and writes",
                expression: metrics.map((m) => `FILL(${m.id}, 0)`).join(" + "),
                returnData: true,
              },
            ],
          };
        }
        case "lambda-throttles":
          return lambdaMetric("Throttles", "Sum", watches.function);
        case "stream-iterator-age":
          // The oldest wait of the period: one batch stuck behind a slow or failing one is enough.
          return lambdaMetric("IteratorAge", "Maximum", watches.function);
        case "stream-unreadable":
          // Written by the stream handler's EMF line for each batch (`unreadable`: records it logged and skipped;
          // `unreadableEndpoints`: endpoint items it could not read; `unreadableDeliveries`: groups stopped at a
          // delivery item it could not read).
          return {
            namespace: "SellerOps",
            metricName: watches.metric,
            statistic: "Sum",
            period,
            dimensions: { service: watches.service },
          };
        default: {
          const unexpected: never = watches;
          throw new Error(`Unknown alarm ${JSON.stringify(unexpected)}`);
        }
      }
    };

    for (const alarm of alarms) {
      new aws.cloudwatch.MetricAlarm(alarm.name, {
        alarmDescription: alarm.description,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: alarm.threshold,
        evaluationPeriods: alarm.evaluationPeriods,
        // No data (no traffic, no job errors) is healthy, not "insufficient data".
        treatMissingData: "notBreaching",
        alarmActions: [topic.arn],
        okActions: [topic.arn],
        ...metricOf(alarm),
      });
    }
  }

  return { url: api.url, alarmTopicArn };
}
