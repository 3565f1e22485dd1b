import { scheduledEvent } from "./gateway-events";
import { jobContext } from "./scheduler";
import { JOB_USAGE, LOCAL_JOBS } from "./jobs";
import { localStageEnv } from "./local-stage";
import { commandArgs } from "./maintenance";
import { localDynamo, type LocalDynamo } from "./runtime";

/**
 * `npm run job -- NAME`: runs one scheduled job once, by hand, through its real Lambda handler,
 * against the DynamoDB that `npm start` runs (found in .local/runtime.json) or DYNAMODB_ENDPOINT.
 */

const NOT_RUNNING = "No local DynamoDB is running: start it first with `npm start` (or set DYNAMODB_ENDPOINT).";

/** Whether this run muted the handler's log lines (the default here: the report is the output). */
let logsMuted = false;

async function main() {
  // One job name and nothing else: a flag (a `--dry-run` hoped for) is refused before the job runs, never ignored.
  let positionals: string[];
  try {
    positionals = commandArgs(`Usage: ${JOB_USAGE}`, {}, { positionals: true }).positionals;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  const job = positionals.length === 1 ? LOCAL_JOBS[positionals[0]!] : undefined;
  if (!job) {
    process.stderr.write(`Usage: ${JOB_USAGE}\n`);
    process.exit(2);
  }
  let dynamo: LocalDynamo;
  try {
    dynamo = localDynamo(NOT_RUNNING);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  // The configuration `npm start` gives the API, so the job accepts what the API accepted.
  Object.assign(process.env, localStageEnv(dynamo));
  logsMuted = process.env.LOG_LEVEL === undefined;
  process.env.LOG_LEVEL ??= "silent";
  // The report below says what the EMF metrics line would (docs/metrics.md); keep the output to it.
  process.env.METRICS_DISABLED ??= "true";
  const { handler } = (await import(job.module)) as {
    handler: (event: unknown, context: unknown) => Promise<Record<string, unknown>>;
  };
  const report = await handler(scheduledEvent(), jobContext(job.schedule, 5 * 60_000));
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: Error) => {
  // A failed run's handler points at its log lines, which this command mutes unless asked for them.
  const muted = logsMuted ? " Log lines are muted here: run it again with LOG_LEVEL=info to see them." : "";
  process.stderr.write(`${name()}: ${error.message}${muted}\n`);
  process.exit(1);
});

function name() {
  return `job ${process.argv[2] ?? ""}`.trim();
}
