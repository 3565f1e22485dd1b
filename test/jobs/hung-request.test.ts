import { createServer, type Socket } from "node:net";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@seller-ops/api/src/log";
import {
  AWS_REQUEST_TIMEOUTS,
  clientConfig,
  createDocumentClient,
  LOCAL_REQUEST_TIMEOUTS,
  localTableNames,
} from "@seller-ops/db";
import { createLateOrderJobHandler } from "@seller-ops/functions/src/jobs/late-orders";
import { scheduledEvent } from "../support/events";

/**
 * A DynamoDB connection that never answers (a half-open socket: the network dropped it without a reset). With no
 * per-request timeout the SDK waits on it until Lambda kills the run: no "finished" line, no metrics, and the
 * job's stop-before-the-end check only runs between items. Each attempt now times out and, after the retries,
 * the call throws.
 */

/** Accepts connections and never answers. */
const silent = createServer((socket) => sockets.push(socket));
const sockets: Socket[] = [];
let endpoint = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

/** Short timeouts, through the same option the defaults go through, so the test does not wait 10 s. */
const quick = { connectionMs: 200, requestMs: 300 };

describe("a DynamoDB request that never gets an answer", () => {
  it("fails the call after its attempts instead of waiting", async () => {
    const doc = createDocumentClient({ endpoint, timeouts: quick });
    const started = Date.now();
    const error = await doc.send(new GetCommand({ TableName: "any", Key: { pk: "x", sk: "y" } })).then(
      () => null,
      (e: Error & { $metadata?: { attempts?: number } }) => e,
    );
    expect(error?.name).toBe("TimeoutError");
    expect(error?.$metadata?.attempts).toBe(3);
    // 3 attempts of 300 ms and the backoff between them.
    expect(Date.now() - started).toBeLessThan(5_000);
    doc.destroy();
  });

  it("fails the late-order job loudly: the run ends, logs its report and throws", async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({}, (line) => lines.push(JSON.parse(line)));
    const db = { doc: createDocumentClient({ endpoint, timeouts: quick }), tables: localTableNames("hung") };
    const run = createLateOrderJobHandler({ db, clock: () => new Date(), logger });
    const started = Date.now();
    await expect(
      run(scheduledEvent(), { awsRequestId: "run-1", getRemainingTimeInMillis: () => 300_000 }),
    ).rejects.toThrow(/late-orders job: \d+ failures/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(lines.find((line) => line.message === "late-orders job finished")).toBeDefined();
    expect(lines.some((line) => line.errorName === "TimeoutError")).toBe(true);
    db.doc.destroy();
  });

  it("is bounded in AWS by timeouts that throw, and generous ones against DynamoDB Local", () => {
    const local = process.env.DYNAMODB_ENDPOINT;
    delete process.env.DYNAMODB_ENDPOINT;
    try {
      const aws = clientConfig({ credentials: "environment" });
      expect(aws.endpoint).toBeUndefined();
      expect(aws.requestHandler).toEqual({
        connectionTimeout: AWS_REQUEST_TIMEOUTS.connectionMs,
        requestTimeout: AWS_REQUEST_TIMEOUTS.requestMs,
        throwOnRequestTimeout: true,
      });
    } finally {
      process.env.DYNAMODB_ENDPOINT = local;
    }
    // Every attempt and the backoff between them (under 1 s) within the 10 s a job keeps in hand for a last call.
    expect(AWS_REQUEST_TIMEOUTS).toEqual({ connectionMs: 1_000, requestMs: 3_000 });
    expect(clientConfig().requestHandler).toMatchObject({
      requestTimeout: LOCAL_REQUEST_TIMEOUTS.requestMs,
      throwOnRequestTimeout: true,
    });
  });
});
