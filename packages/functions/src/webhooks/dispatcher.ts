import { randomUUID } from "node:crypto";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { ulid } from "ulid";
import { Webhooks, type Events } from "@seller-ops/core";
import { EventsRepo, WebhookDeliveriesRepo } from "@seller-ops/db";
import type { ApiConfig, Logger } from "@seller-ops/api";
import { emitJobMetrics } from "../metrics";
import { jobBase, type JobContext } from "../jobs/sweep";
import { DEFAULT_LEASE_MS, DispatchRun, type DispatcherDeps, type DrainedGroup } from "./dispatch";
import type { DispatchCounts } from "./dispatch-counts";

/**
 * The webhook dispatcher: the Events table's stream (NEW_IMAGE) invokes it with batches of new
 * event items, in order per shard. For each event it records one delivery per deliverable
 * endpoint of the event's scope that subscribes to its type, each written only if absent, and
 * only then attempts them, group by group. A crash anywhere is safe: the stream retries the
 * batch (bisecting it), the recorded deliveries are found again and never reset, and any delivery
 * left unattempted is due in the retry job's index. Deliveries are at least once; receivers
 * deduplicate by the event id.
 */

export interface DispatchReport extends DispatchCounts {
  events: number;
  /** Deliveries written by this invocation. */
  recorded: number;
  /** Deliveries already recorded by an earlier try of the same batch. */
  alreadyRecorded: number;
  /** Event records this code cannot read (a type or shape a newer release wrote): logged and skipped. */
  unreadable: number;
  durationMs: number;
}

/** A stream record's event, and the event of the same object its transaction wrote just before it (if any). */
interface StreamedEvent {
  event: Events.EventRecord;
  follows: string | null;
}

/** The event a stream record carries, or null for what the dispatcher ignores (changes, removals, other items). */
export function eventOfRecord(record: DynamoDBRecord): StreamedEvent | null {
  // Events are written once; a MODIFY (a redaction) or a REMOVE (TTL) is not a new event.
  if (record.eventName !== "INSERT" || !record.dynamodb?.NewImage) return null;
  const image = unmarshall(record.dynamodb.NewImage as Parameters<typeof unmarshall>[0]);
  if (typeof image.sk !== "string" || !image.sk.startsWith("EVENT#")) return null;
  return { event: EventsRepo.fromItem(image), follows: EventsRepo.followsOf(image) };
}

/**
 * The record's event, or "unreadable" when this code cannot parse it: during a deploy a newer
 * release can write an event of a type (or shape) this one does not know. Throwing would fail the
 * whole batch, which Lambda retries, bisects and finally sends to the dead-letter queue, holding up
 * every seller on the shard meanwhile; so the record is logged (its key and sequence number, to find
 * it) and skipped. The event stays in the Events table: once the newer release runs everywhere,
 * `redeliverWebhookEvent` sends it (docs/webhooks.md).
 */
function readableEvent(record: DynamoDBRecord, logger: Logger): StreamedEvent | null | "unreadable" {
  try {
    return eventOfRecord(record);
  } catch (error) {
    const keys = record.dynamodb?.Keys;
    logger.error("webhook dispatch skipped an event record it cannot read", {
      pk: keys?.pk?.S,
      sk: keys?.sk?.S,
      sequenceNumber: record.dynamodb?.SequenceNumber,
      errorName: error instanceof Error ? error.name : typeof error,
      errorMessage: error instanceof Error ? error.message.slice(0, 500) : String(error),
    });
    return "unreadable";
  }
}

/** Records the deliveries of a batch's events, then attempts every group they touched. */
export async function dispatchRecords(
  deps: DispatcherDeps,
  records: DynamoDBRecord[],
  remainingMs: () => number = () => Number.POSITIVE_INFINITY,
): Promise<DispatchReport> {
  const started = Date.now();
  const run = new DispatchRun(deps, remainingMs, true);
  const report = { events: 0, recorded: 0, alreadyRecorded: 0, unreadable: 0 };
  // Group → its endpoint and scope (a failing endpoint's groups are left to the retry job unattempted), and where the
  // batch's deliveries in it begin: the drain reads from there at the latest.
  const groups = new Map<string, DrainedGroup>();
  // Events whose deliveries this invocation recorded (their own record, or as an earlier event of another's).
  const recordedEvents = new Set<string>();
  const recordDeliveries = async (event: Events.EventRecord) => {
    recordedEvents.add(event.eventId);
    const endpoints = (await run.deliverable(Webhooks.scopeOf(event.sellerId))).filter((endpoint) =>
      Webhooks.subscribes({ endpoint, type: event.type }),
    );
    for (const endpoint of endpoints) {
      const delivery = WebhookDeliveriesRepo.newDelivery({
        endpointId: endpoint.endpointId,
        event: WebhookDeliveriesRepo.deliveredEvent(event),
        now: run.now(),
      });
      const written = await WebhookDeliveriesRepo.createIfAbsent(deps.db, delivery);
      report[written === "created" ? "recorded" : "alreadyRecorded"]++;
      const readFrom = WebhookDeliveriesRepo.readFromOf(delivery);
      const earlier = groups.get(delivery.group)?.readFrom;
      groups.set(delivery.group, {
        endpointId: endpoint.endpointId,
        scope: endpoint.scope,
        readFrom: earlier && earlier < readFrom ? earlier : readFrom,
      });
    }
  };
  for (const record of records) {
    const streamed = readableEvent(record, deps.logger);
    if (streamed === "unreadable") report.unreadable++;
    if (!streamed || streamed === "unreadable") continue;
    report.events++;
    // Stream records of one transaction come in no guaranteed order, even a batch apart: the events of the same
    // object it wrote before this one are recorded first (read back, committed with it), so the group never sends
    // this one ahead of them. Their own records, when they come, find their deliveries recorded.
    for (const earlier of await transactionPredecessors(deps, streamed, recordedEvents))
      await recordDeliveries(earlier);
    await recordDeliveries(streamed.event);
  }
  await run.drainAll(groups);
  return { ...report, ...run.counts, durationMs: Date.now() - started };
}

/**
 * The events of the same object the streamed event's transaction wrote before it and this invocation has not
 * recorded, oldest first (each names the one before it: `EventsRepo.followsOf`). Read strongly consistent: the
 * transaction has committed, so they are there.
 */
async function transactionPredecessors(
  deps: Pick<DispatcherDeps, "db" | "logger">,
  streamed: StreamedEvent,
  recorded: ReadonlySet<string>,
): Promise<Events.EventRecord[]> {
  const found: Events.EventRecord[] = [];
  let follows = streamed.follows;
  // One recorded already (its record came first, in order) had its own earlier ones recorded: nothing to read.
  // A transaction writes at most 100 items: a longer chain is a hand edit gone wrong, not events to wait for.
  while (follows && !recorded.has(follows) && found.length < 100) {
    const item = await EventsRepo.getItemJustWritten(deps.db, streamed.event.sellerId, follows);
    if (!item) break;
    try {
      found.unshift(EventsRepo.fromItem(item));
    } catch (error) {
      // One this release cannot read (a newer release's type): its own record is skipped as unreadable too, so the
      // events after it go on as they would without it.
      deps.logger.error("webhook dispatch cannot read the event an event follows", {
        eventId: streamed.event.eventId,
        follows,
        errorName: error instanceof Error ? error.name : typeof error,
      });
      break;
    }
    follows = EventsRepo.followsOf(item);
  }
  return found;
}

/** The dispatcher's dependencies from the configuration (the retry job uses the same). */
export function dispatcherDeps(
  base: { config: ApiConfig; db: DispatcherDeps["db"]; clock: () => Date; logger: Logger },
  overrides: Partial<DispatcherDeps>,
): DispatcherDeps {
  return {
    db: base.db,
    clock: base.clock,
    keyring: overrides.keyring ?? base.config.webhooks.keyring,
    allowLocalEndpoints: overrides.allowLocalEndpoints ?? base.config.webhooks.allowLocalEndpoints,
    retryPolicy: overrides.retryPolicy ?? Webhooks.DEFAULT_RETRY_POLICY,
    disablePolicy: overrides.disablePolicy ?? Webhooks.DEFAULT_DISABLE_POLICY,
    leaseMs: overrides.leaseMs ?? DEFAULT_LEASE_MS,
    random: overrides.random ?? Math.random,
    owner: overrides.owner ?? randomUUID(),
    newEventId: overrides.newEventId ?? ((ms) => ulid(ms)),
    logger: base.logger,
    limits: overrides.limits,
    resolve: overrides.resolve,
    ca: overrides.ca,
    scopeShareMs: overrides.scopeShareMs,
    streamScopeBudgetMs: overrides.streamScopeBudgetMs,
  };
}

/**
 * The Lambda handler for the Events table's stream. A thrown error fails the batch: Lambda
 * retries it, bisecting, and a batch that keeps failing goes to the dead-letter queue
 * (`stacks/api.ts`). Failed HTTP attempts are not errors: they are recorded and retried.
 */
export function createWebhookDispatchHandler(overrides: Partial<DispatcherDeps> = {}) {
  const base = jobBase("webhook-dispatch", "webhookDispatch", overrides);
  const deps = dispatcherDeps(base, overrides);
  return async (event: DynamoDBStreamEvent, context?: JobContext): Promise<DispatchReport> => {
    const logger = base.logger.child({ requestId: context?.awsRequestId });
    const remainingMs = () => context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY;
    const report = await dispatchRecords({ ...deps, logger }, event.Records, remainingMs);
    logger.info("webhook dispatch finished", { ...report });
    const { durationMs, ...counts } = report;
    emitJobMetrics(base.writeMetrics, "webhook-dispatch", counts, durationMs);
    return report;
  };
}

export const handler = createWebhookDispatchHandler();
