/**
 * The compute side, built from `stacks/wiring.ts`: secrets, the HTTP API and its functions, and
 * the scheduled jobs. Tables come from `stacks/storage.ts`.
 *
 * Uses the `sst` and `$app` globals declared by `.sst/platform/config.d.ts`, hence excluded from
 * the app type-check; only `sst.config.ts` imports it, inside `run()`.
 */

import type { TableName } from "../packages/db/src/specs";
import {
  deadLetterQueueName,
  environmentFor,
  functionComponentName,
  functions,
  routes,
  schedules,
  secrets,
  type FunctionDef,
  type FunctionName,
  type SecretName,
} from "./wiring";

/** SQS keeps a message at most 14 days; a failed run should still be there after a long weekend. */
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 60 * 60;

function mapValues<K extends string, A, B>(record: Record<K, A>, f: (value: A) => B): Record<K, B> {
  return Object.fromEntries(Object.entries<A>(record).map(([k, v]) => [k, f(v)])) as Record<K, B>;
}

/** Creates the API and the scheduled jobs over the given tables; returns the API's URL. */
export function createApi(tables: Record<TableName, sst.aws.Dynamo>) {
  const secretComponents = Object.fromEntries(
    secrets.map((s) => [s.name, new sst.Secret(s.name)]),
  ) as Record<SecretName, sst.Secret>;

  const tableNames = mapValues(tables, (table) => table.name);
  const secretValues = mapValues(secretComponents, (secret) => secret.value);

  /** `FunctionArgs` of a definition: linking grants IAM access, the environment names the tables. */
  function functionArgs(def: FunctionDef): sst.aws.FunctionArgs {
    return {
      handler: def.handler,
      runtime: def.runtime,
      memory: def.memory,
      timeout: def.timeout,
      description: def.description,
      link: def.tables.map((t) => tables[t]),
      environment: environmentFor(def, tableNames, secretValues, $app.stage),
    };
  }

  // One Lambda per routed function, shared by all of its routes (POST and GET /graphql hit the
  // same warm instances), rather than one Lambda per route.
  const api = new sst.aws.ApiGatewayV2("Api");
  const routed = new Map<FunctionName, sst.aws.Function>();
  for (const route of routes) {
    let fn = routed.get(route.function);
    if (!fn) {
      fn = new sst.aws.Function(
        functionComponentName(route.function),
        functionArgs(functions[route.function]),
      );
      routed.set(route.function, fn);
    }
    api.route(`${route.method} ${route.path}`, fn.arn);
  }

  // Scheduler invokes Lambda asynchronously: `retries` on the cron covers delivery, `retries` on
  // the function covers a throwing handler. The same queue receives both kinds of failure.
  for (const job of schedules) {
    const deadLetters = job.deadLetterQueue
      ? new sst.aws.Queue(deadLetterQueueName(job), {
          transform: { queue: { messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS } },
        })
      : undefined;
    const args = functionArgs(functions[job.function]);
    new sst.aws.CronV2(job.name, {
      schedule: job.schedule,
      retries: job.retryAttempts,
      ...(deadLetters ? { dlq: deadLetters.arn } : {}),
      function: {
        ...args,
        retries: job.retryAttempts,
        ...(deadLetters
          ? {
              permissions: [{ actions: ["sqs:SendMessage"], resources: [deadLetters.arn] }],
              transform: {
                eventInvokeConfig: {
                  destinationConfig: { onFailure: { destination: deadLetters.arn } },
                },
              },
            }
          : {}),
      },
    });
  }

  return { url: api.url };
}
