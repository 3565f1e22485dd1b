import * as z from "zod/mini";
import type { EventDraft } from "../events";
import { IdInput } from "../inputs";
import * as Time from "../time";
import type { Instant } from "../time";
import type { WebhookEndpoint } from "./registry";

/**
 * What happens to one delivery of an event to an endpoint, decided from plain data: what is sent
 * (the body), when a failed attempt is tried again (exponential backoff with jitter over a
 * documented period, then given up), and when an endpoint that keeps failing is switched off.
 * The jitter is an input (a number in [0, 1)), so every rule is deterministic under test.
 */

/** Where a delivery stands: waiting (never tried, or tried and failing with a next try), or settled. */
export const DELIVERY_STATUSES = ["PENDING", "RETRYING", "DELIVERED", "GAVE_UP"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A settled delivery is never tried again; only a redelivery (a new delivery) sends the event again. */
export function isSettled(status: DeliveryStatus): boolean {
  switch (status) {
    case "PENDING":
    case "RETRYING":
      return false;
    case "DELIVERED":
    case "GAVE_UP":
      return true;
    default: {
      const unexpected: never = status;
      throw new Error(`Unknown delivery status ${String(unexpected)}`);
    }
  }
}

export interface RetryPolicy {
  /** The wait after the first failed attempt; each later wait is `factor` times the one before. */
  firstDelayMs: number;
  factor: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
  /** From the delivery's making: after this, a failed delivery is given up (Stripe retries for 3 days). */
  periodMs: number;
}

/**
 * 1 min, 4 min, 16 min, ~1 h, ~4 h, then every 12 h, each ±25 %: about 11 attempts over 3 days.
 * Quick retries cover a receiver's deploy or a blip; the long tail covers an outage over a weekend day.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  firstDelayMs: 60_000,
  factor: 4,
  maxDelayMs: 12 * Time.HOUR_MS,
  periodMs: 3 * Time.DAY_MS,
};

/** The wait before attempt `failedAttempts + 1`, ±25 % by `jitter` (in [0, 1)) so many deliveries' retries spread. */
export function retryDelayMs(args: { failedAttempts: number; policy: RetryPolicy; jitter: number }): number {
  const { policy } = args;
  const base = Math.min(policy.firstDelayMs * policy.factor ** Math.max(0, args.failedAttempts - 1), policy.maxDelayMs);
  const spread = 0.75 + 0.5 * Math.min(Math.max(args.jitter, 0), 0.999999);
  return Math.round(base * spread);
}

export type AfterFailure = { status: "RETRYING"; nextAttemptAt: Instant } | { status: "GAVE_UP"; nextAttemptAt: null };

/**
 * After a failed attempt at `now`: the next attempt's time, or given up when that time would fall
 * past the retry period counted from `since`, when the delivery was made. Not from its first attempt:
 * deliveries of one object wait for the one before them, so counted from each one's first attempt the
 * queue behind a refused event would take one period per delivery (a dozen events: over a month, past
 * the log's 30 days, gone without a trace). From its making, every delivery settles within the period
 * plus one backoff, and its log entry says so.
 */
export function afterFailure(args: {
  since: Instant;
  failedAttempts: number;
  now: Instant;
  policy: RetryPolicy;
  jitter: number;
}): AfterFailure {
  const next = Time.toMs(args.now) + retryDelayMs(args);
  if (next > Time.toMs(args.since) + args.policy.periodMs) return { status: "GAVE_UP", nextAttemptAt: null };
  return { status: "RETRYING", nextAttemptAt: Time.fromMs(next) };
}

/**
 * When an endpoint is switched off: every attempt to it has failed, at least `attempts` of them in
 * a row, over at least `spanMs` (one success anywhere resets the streak). A receiver down for an
 * afternoon is not switched off; one that has failed everything for a day and more is, and its
 * owner is told by a `WEBHOOK_ENDPOINT_DISABLED` event.
 */
export interface DisablePolicy {
  attempts: number;
  spanMs: number;
}

export const DEFAULT_DISABLE_POLICY: DisablePolicy = { attempts: 10, spanMs: Time.DAY_MS };

/** The failing streak of an endpoint: failed attempts in a row and when the first of them was made. */
export interface FailureStreak {
  failedAttempts: number;
  failingSince: Instant;
}

export function shouldDisable(args: { streak: FailureStreak; now: Instant; policy: DisablePolicy }): boolean {
  return (
    args.streak.failedAttempts >= args.policy.attempts &&
    Time.toMs(args.now) - Time.toMs(args.streak.failingSince) >= args.policy.spanMs
  );
}

/**
 * Whether the stream dispatcher attempts an endpoint's deliveries itself. Not when the endpoint is
 * failing: it has a failing streak, or one of its attempts already failed in this invocation. The
 * stream is read in order per shard, so each attempt that hangs until its timeout holds back every
 * seller on the shard; a failing endpoint's deliveries are recorded anyway and due in the retry
 * job's index, which attempts them outside the stream (and ends the streak on a 2xx).
 */
export function attemptInStream(args: { streak: FailureStreak | null; failedInThisRun: boolean }): boolean {
  return args.streak === null && !args.failedInThisRun;
}

/** The event as it is delivered: what a receiver parses (`docs/webhooks.md`). */
export interface DeliveredEvent {
  id: string;
  type: string;
  occurredAt: Instant;
  /** Null for operator-level events. */
  sellerId: string | null;
  object: { type: string; id: string; version: number; partId: string | null };
  payload: Record<string, unknown>;
}

/**
 * The request body: the event as JSON, keys in a fixed order (the payload's sorted) so the same
 * event always gives the same bytes (a redelivery is byte-for-byte the original, only the
 * signature's time differs).
 */
export function deliveryBody(event: DeliveredEvent): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    sellerId: event.sellerId,
    object: {
      type: event.object.type,
      id: event.object.id,
      version: event.object.version,
      partId: event.object.partId,
    },
    payload: sortedKeys(event.payload),
  });
}

/**
 * The payload with its object keys sorted, at every depth: DynamoDB keeps no order of a map's
 * keys (a stream image and a read of the same item may list them differently).
 */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortedKeys(v)]));
}

/** The longest response excerpt a delivery log keeps per attempt: enough to see an error page's title. */
export const LOGGED_EXCERPT_CHARS = 256;

/** A response excerpt cut for the log, on a character boundary. */
export function loggedExcerpt(text: string): string {
  const chars = Array.from(text);
  return chars.length <= LOGGED_EXCERPT_CHARS ? text : `${chars.slice(0, LOGGED_EXCERPT_CHARS).join("")}…`;
}

/**
 * The event that says an endpoint was switched off after repeated failures: a seller's event for
 * a seller's endpoint (its owner's other endpoints and the `events` query see it), an
 * operator-level one for an operator endpoint. The endpoint itself, being off, does not receive it.
 * Every endpoint of the scope receives it, whoever owns it, so it names the endpoint by id only:
 * no url (urls often carry a receiver's token) and no owner key id, which another owner must not learn.
 */
export function endpointDisabledDraft(args: { endpoint: WebhookEndpoint }): EventDraft {
  const { endpoint } = args;
  return {
    type: "WEBHOOK_ENDPOINT_DISABLED",
    sellerId: endpoint.sellerId,
    objectType: "WEBHOOK_ENDPOINT",
    objectId: endpoint.endpointId,
    objectVersion: endpoint.version,
    partId: null,
    payload: {
      endpointId: endpoint.endpointId,
      status: endpoint.status,
      disabledReason: endpoint.disabledReason,
      updatedAt: endpoint.updatedAt,
    },
  };
}

/** `redeliverWebhookEvent`'s input: the endpoint (named in its scope, as the endpoint mutations do) and the event. */
export const RedeliverInput = z.lazy(() =>
  z.strictObject({
    /** The endpoint's seller: implied by a seller key, required for a partner; absent for an operator endpoint. */
    sellerId: z.nullish(IdInput("sellerId")),
    endpointId: IdInput("endpointId"),
    eventId: IdInput("eventId"),
  }),
);
export type RedeliverInput = z.output<typeof RedeliverInput>;
