/**
 * The CloudWatch embedded metrics (EMF) the functions write to stdout: what a job run counted,
 * and per mutation its count, latency, refusals and errors. CloudWatch Logs extracts them from
 * these JSON lines; here they are captured from stdout and read back.
 */

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { METRICS_NAMESPACE } from "@seller-ops/functions/src/metrics";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { alarmsFor } from "../../stacks/wiring";
import { graphql } from "../support/api";
import { mutate, orderDue, world as newWorld, type World } from "../support/world";
import { createRetentionJobHandler } from "@seller-ops/functions/src/jobs/retention";
import { createWebhookDispatchHandler } from "@seller-ops/functions/src/webhooks/dispatcher";
import { createLogger } from "@seller-ops/api";
import { marshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { scheduledEvent } from "../support/events";

interface EmfLine {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
  };
  [key: string]: unknown;
}

/** Every EMF line written to stdout while `run` runs (other output passes through untouched). */
async function captureEmf(run: () => Promise<unknown>): Promise<EmfLine[]> {
  const lines: EmfLine[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const spy = vi.spyOn(process.stdout, "write").mockImplementation(((
    chunk: string | Uint8Array,
    ...rest: unknown[]
  ) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    let captured = false;
    for (const line of text.split("\n")) {
      if (!line.startsWith("{")) continue;
      try {
        const parsed = JSON.parse(line) as Partial<EmfLine>;
        if (parsed._aws?.CloudWatchMetrics) {
          lines.push(parsed as EmfLine);
          captured = true;
        }
      } catch {
        // not JSON: not ours
      }
    }
    return captured ? true : write(chunk as string, ...(rest as []));
  }) as typeof process.stdout.write);
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

/** The metric names and units declared in a line, as `name:unit`. */
const declared = (line: EmfLine) =>
  line._aws.CloudWatchMetrics.flatMap((m) => m.Metrics.map((x) => `${x.Name}:${x.Unit}`)).sort();

describe("CloudWatch embedded metrics", () => {
  let w: World;
  const saved = process.env.METRICS_DISABLED;
  beforeEach(async () => {
    // Handlers read the switch with their configuration, when they are built: before the world.
    process.env.METRICS_DISABLED = "false";
    w = await newWorld();
  });
  afterEach(() => {
    process.env.METRICS_DISABLED = saved;
  });

  it("a late-order job run writes one EMF line with examined, newlyLate, casesOpened and failures", async () => {
    process.env.METRICS_DISABLED = "true";
    await orderDue(w, -3);
    await orderDue(w, 5);
    process.env.METRICS_DISABLED = "false";

    const lines = await captureEmf(() => w.lateOrders());
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line._aws.CloudWatchMetrics[0]!.Namespace).toBe(METRICS_NAMESPACE);
    expect(line._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([["service"]]);
    expect(line).toMatchObject({
      service: "late-orders",
      examined: 2,
      newlyAtRisk: 1,
      newlyLate: 1,
      casesOpened: 1,
      failures: 0,
      stoppedEarly: 0,
    });
    expect(declared(line)).toEqual([
      "casesOpened:Count",
      "durationMs:Milliseconds",
      "examined:Count",
      "failures:Count",
      "newlyAtRisk:Count",
      "newlyLate:Count",
      "stoppedEarly:Count",
    ]);
    expect(Math.abs(line._aws.Timestamp - Date.now())).toBeLessThan(60_000);
  });

  it("a run that stops early to stay within its time says so (stoppedEarly: 1), for the 'behind' alarm", async () => {
    process.env.METRICS_DISABLED = "true";
    await orderDue(w, -3);
    process.env.METRICS_DISABLED = "false";
    const lines = await captureEmf(() => w.lateOrders(undefined, 5_000));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ service: "late-orders", examined: 0, stoppedEarly: 1 });
  });

  it("a retention job run writes its counts", async () => {
    const run = createRetentionJobHandler({ db: w.db, clock: () => w.now });
    const lines = await captureEmf(() =>
      run(scheduledEvent(), { awsRequestId: "r", getRemainingTimeInMillis: () => 600_000 }),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ service: "retention", examined: 0, applicationsRedacted: 0, stoppedEarly: 0 });
  });

  it("a case-deadline job run writes its counts too", async () => {
    const lines = await captureEmf(() => w.caseDeadlines());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      service: "case-deadlines",
      examined: 0,
      offersExpired: 0,
      responsesOverdue: 0,
      failures: 0,
    });
  });

  it(
    "each mutation writes its count and latency under its schema " + "name; refusals and queries are told apart",
    async () => {
      const lines = await captureEmf(async () => {
        const order = await orderDue(w, 48);
        const refused = await mutate(
          w,
          w.key,
          "markOrderShipped",
          "MarkOrderShippedInput",
          { orderId: order.id, carrier: "Cainiao", trackingNumber: "x" },
          "order { id }",
        );
        expect(refused.userErrors).not.toEqual([]);
        // A query is not a mutation: no line.
        expect(
          (await graphql(w.api, "{ lateOrders { edges { cursor } } }", { key: w.key })).body.errors,
        ).toBeUndefined();
      });
      expect(lines.map((l) => l.mutation)).toEqual(["createOrder", "markOrderShipped"]);
      for (const line of lines) {
        expect(line._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([["service", "mutation"]]);
        expect(line.service).toBe("graphql");
        expect(declared(line)).toEqual([
          "mutationCount:Count",
          "mutationErrors:Count",
          "mutationLatency:Milliseconds",
          "mutationRefused:Count",
        ]);
        expect(line.mutationCount).toBe(1);
        expect(line.mutationErrors).toBe(0);
        expect(line.mutationLatency).toBeGreaterThan(0);
      }
      expect(lines.map((l) => l.mutationRefused)).toEqual([0, 1]);
    },
  );

  it(
    "a masked internal error (answered with HTTP 200) moves internalErrors, the metric GraphqlInternalErrorsAlarm " +
      "watches; a healthy request does not",
    async () => {
      const healthy = await captureEmf(() => graphql(w.api, "{ lateOrders { edges { cursor } } }", { key: w.key }));
      expect(healthy.filter((l) => "internalErrors" in l)).toEqual([]);

      const broken = createGraphqlHandler({ db: { ...w.db, tables: { ...w.db.tables, Orders: "missing-table" } } });
      let answer: Awaited<ReturnType<typeof graphql>> | undefined;
      const lines = await captureEmf(
        async () => (answer = await graphql(broken, "{ lateOrders { edges { cursor } } }", { key: w.key })),
      );
      expect(answer!.status).toBe(200);
      expect(answer!.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      const counted = lines.filter((l) => "internalErrors" in l);
      expect(counted).toHaveLength(1);
      expect(counted[0]).toMatchObject({ service: "graphql", internalErrors: 1 });
      expect(declared(counted[0]!)).toEqual(["internalErrors:Count"]);
      const alarm = alarmsFor("production").find((a) => a.name === "GraphqlInternalErrorsAlarm");
      expect(alarm?.watches).toEqual({ kind: "graphql-internal-errors" });
    },
  );

  it(
    "a stream batch with a record the dispatcher cannot read moves unreadable under service webhook-dispatch, the " +
      "metric its unreadable alarm watches",
    async () => {
      const dispatch = createWebhookDispatchHandler({ db: w.db, logger: createLogger({}, () => undefined) });
      // What a newer release can write during a deploy: an event of a type this code does not know.
      const item = { pk: "SELLER#sel_metrics", sk: "EVENT#01JZZZZZZZZZZZZZZZZZZZZZZZ", type: "ORDER_ON_HOLD" };
      const batch = { Records: [{ eventName: "INSERT", dynamodb: { NewImage: marshall(item) } }] };
      const lines = await captureEmf(() => dispatch(batch as DynamoDBStreamEvent));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ service: "webhook-dispatch", events: 0, unreadable: 1 });
      expect(lines[0]!._aws.CloudWatchMetrics).toEqual([
        expect.objectContaining({ Namespace: METRICS_NAMESPACE, Dimensions: [["service"]] }),
      ]);
      expect(declared(lines[0]!)).toContain("unreadable:Count");
      // Endpoint items it cannot read go on the same line, under their own name (test/webhooks/stream-health.test.ts).
      expect(declared(lines[0]!)).toContain("unreadableEndpoints:Count");
      expect(declared(lines[0]!)).toContain("unreadableDeliveries:Count");
      const watches = (name: string) => alarmsFor("production").find((a) => a.name === name)?.watches;
      expect(watches("WebhookDispatchUnreadableAlarm")).toEqual({
        kind: "stream-unreadable",
        function: "webhookDispatch",
        service: "webhook-dispatch",
        metric: "unreadable",
      });
      expect(watches("WebhookDispatchUnreadableEndpointsAlarm")).toEqual({
        kind: "stream-unreadable",
        function: "webhookDispatch",
        service: "webhook-dispatch",
        metric: "unreadableEndpoints",
      });
      expect(watches("WebhookDispatchUnreadableDeliveriesAlarm")).toEqual({
        kind: "stream-unreadable",
        function: "webhookDispatch",
        service: "webhook-dispatch",
        metric: "unreadableDeliveries",
      });
    },
  );

  it("are muted with METRICS_DISABLED=true (the test suite's default)", async () => {
    process.env.METRICS_DISABLED = "true";
    expect(await captureEmf(() => w.caseDeadlines())).toEqual([]);
  });
});
