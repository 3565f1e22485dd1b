/**
 * The Lambda runtime every function runs on, and AWS's published schedule for the Node.js runtimes, in one table.
 * No `sst` globals: `stacks/wiring.ts`, the bundle mirror (`tools/deployed-bundle.ts`), the bench and the pre-deploy
 * check (`npm run runtime:check`, `tools/runtime-check.ts`) import it.
 *
 * Two checks, on purpose apart:
 * - `test/infra/wiring.test.ts` never reads the wall clock: it asserts that every function runs on `LAMBDA_RUNTIME`,
 *   that the runtime is in this table, and that on `SCHEDULE_READ_ON` (the day the dates below were read) its
 *   deprecation was at least `NOTICE_DAYS` away. A date derived from the repository, not the calendar: the suite
 *   stays green on any day, and goes red only when someone records a runtime that was already close to its end.
 * - `runtimeNotice` compares with today: `npm run runtime:check` (before a deploy; `.ci/run` prints it, never
 *   failing on it) warns within `NOTICE_DAYS` of the deprecation and fails once AWS blocks updates, when
 *   `sst deploy` could not succeed anyway.
 *
 * Moving to the next runtime: add its row (from https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html),
 * set `SCHEDULE_READ_ON`, switch `LAMBDA_RUNTIME`, then the esbuild target in `tools/deployed-bundle.ts` (SST's
 * `targetMap`) and the Node version `.ci/run` and the bench run on follow (`nodeMajor`).
 */

/** AWS's schedule for a Lambda Node.js runtime (dates in UTC, `YYYY-MM-DD`). */
export interface RuntimeSchedule {
  /** The Node.js major the runtime runs; `.ci/run` and the bench run on it. */
  nodeMajor: number;
  /** AWS deprecates the runtime: no more security patches, deprecation notices in the console. */
  deprecation: `${number}-${number}-${number}`;
  /** AWS refuses to update functions on the runtime: every `sst deploy` that touches one fails. */
  updatesBlocked: `${number}-${number}-${number}`;
}

/**
 * AWS Lambda's Node.js runtimes still accepted for updates on `SCHEDULE_READ_ON`, from AWS's "Lambda runtimes"
 * table (read through endoflife.date/aws-lambda, which quotes it; no direct access to aws.amazon.com from these
 * machines). Check there before relying on a date.
 */
export const nodeRuntimeSchedules = {
  "nodejs22.x": { nodeMajor: 22, deprecation: "2027-04-30", updatesBlocked: "2027-07-01" },
  "nodejs24.x": { nodeMajor: 24, deprecation: "2028-04-30", updatesBlocked: "2028-07-01" },
} as const satisfies Record<string, RuntimeSchedule>;

/** The day the schedule above was read. */
export const SCHEDULE_READ_ON = "2026-12-02";

/** How long before a runtime's deprecation the service should be off it. */
export const NOTICE_DAYS = 180;

/** The runtime every function is deployed on (SST 4.17.1's default, `nodejs24.x`, too). */
export const LAMBDA_RUNTIME = "nodejs24.x";

/** The one Lambda runtime the service is built and tested for. */
export type Runtime = typeof LAMBDA_RUNTIME;

/** The Node.js major of the deployed runtime: what `.ci/run` and the bench run on. */
export const LAMBDA_NODE_MAJOR: number = nodeRuntimeSchedules[LAMBDA_RUNTIME].nodeMajor;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `from` to the date `to` (`YYYY-MM-DD`, UTC midnight); negative once it has passed. */
export function daysUntil(to: string, from: Date): number {
  return Math.floor((Date.parse(`${to}T00:00:00Z`) - from.getTime()) / DAY_MS);
}

/** What a deploy on `runtime` on the day `today` should be told: nothing, a warning, or an error. */
export function runtimeNotice(runtime: string, today: Date): { level: "ok" | "warn" | "error"; message: string } {
  if (!Object.hasOwn(nodeRuntimeSchedules, runtime))
    return {
      level: "error",
      message: `The Lambda runtime ${runtime} is not in stacks/lambda-runtimes.ts: record AWS's schedule for it.`,
    };
  const schedule: RuntimeSchedule = nodeRuntimeSchedules[runtime as keyof typeof nodeRuntimeSchedules];
  const toDeprecation = daysUntil(schedule.deprecation, today);
  const toBlocked = daysUntil(schedule.updatesBlocked, today);
  if (toBlocked <= 0)
    return {
      level: "error",
      message:
        `The Lambda runtime ${runtime}: AWS blocks updates of its functions since ${schedule.updatesBlocked}, so ` +
        `sst deploy fails. Move LAMBDA_RUNTIME in stacks/lambda-runtimes.ts to a current runtime.`,
    };
  if (toDeprecation <= NOTICE_DAYS)
    return {
      level: "warn",
      message:
        `The Lambda runtime ${runtime} is deprecated ${toDeprecation > 0 ? `in ${toDeprecation} days` : "already"} ` +
        `(${schedule.deprecation}); AWS blocks updates of its functions from ${schedule.updatesBlocked}. Move ` +
        `LAMBDA_RUNTIME in stacks/lambda-runtimes.ts to the next runtime before then.`,
    };
  return {
    level: "ok",
    message: `The Lambda runtime ${runtime}: deprecated ${schedule.deprecation}, ${toDeprecation} days from now.`,
  };
}
