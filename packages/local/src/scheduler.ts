import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";
import { scheduledEvent } from "./gateway-events";

/** A Lambda context with the job's timeout, so the job's time budget works locally too. */
export function jobContext(functionName: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: "512",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export interface LocalSchedule {
  stop(): Promise<void>;
}

/**
 * The local stand-in for EventBridge Scheduler: calls a scheduled Lambda handler with the event
 * the schedule would send (`scheduledEvent`), on an interval, never two runs of one job at once.
 */
export function startSchedule<R>(options: {
  name: string;
  intervalMs: number;
  run: (event: unknown, context: Context) => Promise<R>;
  onResult: (result: R) => void;
  onError: (error: Error) => void;
}): LocalSchedule {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return; // the previous run is still going: skip, as a single-concurrency schedule would
    running = options
      .run(scheduledEvent(), jobContext(options.name, 5 * 60_000))
      .then(options.onResult, options.onError)
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
