import { Time, Webhooks } from "@seller-ops/core";
import { AWS_CALL_MAX_MS, AWS_REQUEST_TIMEOUTS, WebhookDeliveriesRepo, WebhookEndpointsRepo } from "@seller-ops/db";
import type { Db, UnreadableEndpoint, WebhookDelivery } from "@seller-ops/db";
import type { Logger } from "@seller-ops/api";
import { AttemptTime, type AttemptTimeLimits } from "./attempt-time";
import { DEFAULT_DELIVERY_LIMITS, deliver, type DeliveryLimits } from "./deliver";
import { deferBehindHead } from "./defer";
import { emptyCounts } from "./dispatch-counts";
import { RunStreaks } from "./run-streaks";
import { disableAfterFailures } from "./switch-off";
import type { Resolver } from "./ssrf";

/**
 * The dispatcher's work on one (endpoint, object) group: under the group's lease, attempt the
 * head delivery when it is due, and the next ones while they succeed; a failed head gets its
 * retry time and the deliveries behind it wait for it (version order per object). Shared by the
 * stream handler (new events) and the retry job (due retries), so both follow the same rules.
 */

export interface DispatcherDeps extends AttemptTimeLimits {
  db: Db;
  clock: () => Date;
  /** Opens the endpoints' sealed signing secrets. */
  keyring: Webhooks.Keyring;
  /** `http://localhost…` endpoints: development only (the configuration decides). */
  allowLocalEndpoints: boolean;
  retryPolicy: Webhooks.RetryPolicy;
  disablePolicy: Webhooks.DisablePolicy;
  /** How long a dispatcher holds a group: longer than one attempt (10 s at most) and its writes. */
  leaseMs: number;
  /** In [0, 1): the retry jitter. */
  random: () => number;
  /** This dispatcher's name on the leases it takes (one per Lambda container). */
  owner: string;
  /** A ULID at an instant, for the event that says an endpoint was switched off. */
  newEventId: (ms: number) => string;
  logger: Logger;
  limits?: Partial<DeliveryLimits>;
  resolve?: Resolver;
  ca?: string;
}

/**
 * No attempt is sent with less than this left of the group's lease: the attempt (10 s at most, deliver.ts) and the
 * write that records it (one DynamoDB call, at most `AWS_CALL_MAX_MS` with its timed retries, and each try's
 * connection, 1 s at most, before its request timer) end while the lease holds, so no other dispatcher can take the
 * group and send the same delivery again or the next one first.
 */
export const LEASE_ATTEMPT_MARGIN_MS =
  DEFAULT_DELIVERY_LIMITS.responseTimeoutMs + AWS_CALL_MAX_MS + 3 * AWS_REQUEST_TIMEOUTS.connectionMs;

/** The lease: room for the margin above and, before it, a group's turn of attempts (22 s). */
export const DEFAULT_LEASE_MS = 45_000;

/**
 * No attempt is sent with less than this left of the Lambda's time: the attempt and the write that records it, as
 * for the lease (`LEASE_ATTEMPT_MARGIN_MS`), then one more DynamoDB call at its slowest (`AWS_CALL_MAX_MS`) for the
 * writes after it (the endpoint's streak, the group's lease released) and 2 s for the run's report. A run killed
 * between a send and its record fails the stream's whole batch, which is retried and sends the delivery again while
 * every seller on the shard waits. Checked before a group's next delivery and again right before the send, after the
 * reads in between (the endpoint's, the scope's: seconds each when DynamoDB is slow): 35 s.
 */
export const DEADLINE_MARGIN_MS = LEASE_ATTEMPT_MARGIN_MS + AWS_CALL_MAX_MS + 2_000;

/**
 * How long a run trusts its read of a scope's deliverable endpoints: a retry run lasts up to
 * 5 minutes, and a partner key revoked or a grant withdrawn meanwhile must stop its endpoints within about
 * a minute, not at the next run (docs/webhooks.md states the bound). One re-read a minute per scope is cheap.
 */
export const SCOPE_READ_MAX_AGE_MS = 60_000;

/** A scope's endpoints as one read found them: those that receive its events now, and those it could not parse. */
type ScopeRead = { endpoints: Webhooks.WebhookEndpoint[]; unreadable: UnreadableEndpoint[] };

/** An unsent attempt as recorded (null when another writer recorded one first), and the status it decided. */
type UnsentRetry = { recorded: WebhookDelivery | null; next: string };

/** A group the stream handler drains: its endpoint, the endpoint's scope, and where its read starts. */
export type DrainedGroup = { endpointId: string; scope: string; readFrom: string | null };

/** What became of a group's head delivery in one turn. */
type HeadOutcome =
  | { kind: "settled" }
  | { kind: "waiting"; until: string }
  | { kind: "lost" }
  /** Not sent: the reads before it used the lease's room for an attempt; the group is left for the next run. */
  | { kind: "leaseShort" }
  /** Not sent: the reads before it used the Lambda's time an attempt needs (`DEADLINE_MARGIN_MS`); left for retry. */
  | { kind: "outOfTime" };

/** Deliveries read per group Query; the group is drained page after page. */
const GROUP_PAGE = 10;

/** The headers every delivery carries besides the signature (docs/webhooks.md lists them). */
export const EVENT_ID_HEADER = "seller-ops-event-id";
export const EVENT_TYPE_HEADER = "seller-ops-event-type";
export const ATTEMPT_HEADER = "seller-ops-delivery-attempt";

/**
 * One invocation's state: the deliverable endpoints of each scope (read at most a minute ago; each attempt
 * reads its own endpoint again, `currentEndpoint`), the 2xx answers that end the endpoints' failing streaks
 * (`RunStreaks`), the counts, the attempt time each endpoint and scope took; in the stream handler's run also the
 * endpoints' failing streaks (read once) and the endpoints that failed in it.
 */
export class DispatchRun {
  readonly counts = emptyCounts();
  private readonly scopes = new Map<string, { readAtMs: number; read: Promise<ScopeRead> }>();
  /** The unreadable endpoints this run has logged and counted (once each, however often their scope is read). */
  private readonly unreadableSeen = new Set<string>();
  /** This run's writes to its endpoints' failing streaks (a 2xx ends one, a failure lengthens it). */
  private readonly streaks: RunStreaks;
  /** The stream handler's read of each endpoint's streak, once per run. */
  private readonly streakRead = new Map<string, Promise<Webhooks.FailureStreak | null>>();
  private readonly failedInRun = new Set<string>();
  /** The attempt time each endpoint and scope took: the retry job's share, the stream's budget. */
  readonly attemptTime: AttemptTime;

  /**
   * `remainingMs`: the Lambda's remaining time; below the margin no attempt starts (the retry job takes over).
   * `inStream`: the stream handler's run, which leaves a failing endpoint's deliveries to the retry job.
   */
  constructor(
    private readonly deps: DispatcherDeps,
    private readonly remainingMs: () => number = () => Number.POSITIVE_INFINITY,
    private readonly inStream = false,
  ) {
    this.attemptTime = new AttemptTime(deps, inStream);
    this.streaks = new RunStreaks(deps.db);
  }

  private readonly outOfTime = (): boolean => this.remainingMs() < DEADLINE_MARGIN_MS;

  now(): string {
    return this.deps.clock().toISOString();
  }

  /** The endpoints that may receive a scope's events now (enabled, owner still entitled), read at most a minute ago. */
  async deliverable(scope: string): Promise<Webhooks.WebhookEndpoint[]> {
    return (await this.scopeRead(scope)).endpoints;
  }

  /** The scope's deliverable endpoints and the items of it this code cannot read, read at most a minute ago. */
  private scopeRead(scope: string): Promise<ScopeRead> {
    const nowMs = this.deps.clock().getTime();
    const found = this.scopes.get(scope);
    if (found && nowMs - found.readAtMs <= SCOPE_READ_MAX_AGE_MS) return found.read;
    const read = WebhookEndpointsRepo.listDeliverable(this.deps.db, scope, this.now()).then((result) => {
      for (const endpoint of result.unreadable) this.noteUnreadable(endpoint);
      return result;
    });
    this.scopes.set(scope, { readAtMs: nowMs, read });
    return read;
  }

  /**
   * An endpoint item this code cannot parse receives nothing, but fails neither the batch (Lambda would retry and
   * bisect it into the dead-letter queue, every seller on the shard waiting) nor the retry job's other groups.
   */
  private noteUnreadable(endpoint: UnreadableEndpoint): void {
    const id = `${endpoint.scope}/${endpoint.endpointId}`;
    if (this.unreadableSeen.has(id)) return;
    this.unreadableSeen.add(id);
    this.counts.unreadableEndpoints++;
    const fields = WebhookEndpointsRepo.unreadableFields(endpoint);
    this.deps.logger.error("webhook dispatch skipped an endpoint it cannot read", fields);
  }

  /**
   * A delivery item this code cannot parse stops its group: the deliveries behind it wait, as behind any head not
   * settled, so one object's events never arrive out of order. It fails neither the stream's batch (Lambda would retry
   * and bisect it, every seller on the shard waiting) nor the run's other groups. It stays due: the retry job tries
   * the group again every minute, and its read of the item's due entry fails, named, until the item reads (the
   * deploy done, the edit mended).
   */
  private noteUnreadableDelivery(delivery: WebhookDeliveriesRepo.UnreadableDelivery): void {
    this.counts.unreadableDeliveries++;
    this.deps.logger.error("webhook dispatch stopped at a delivery it cannot read", { ...delivery });
  }

  /**
   * Why this run leaves an endpoint's deliveries to the retry job (the count saying so), or null when it attempts
   * them: only the stream handler's run leaves any, for a failing endpoint or one whose scope used its attempt time
   * of the run (`STREAM_SCOPE_BUDGET_MS`). Its deliveries stay as recorded (due, or waiting for their retry time), the
   * rest of a group at a time, so each object's order holds: the retry job drains them from the group's head.
   */
  private async leftToRetryJob(
    endpointId: string,
    scope: string,
  ): Promise<"groupsOfFailingEndpoints" | "groupsOfSlowEndpoints" | null> {
    if (!this.inStream) return null;
    let streak = this.streakRead.get(endpointId);
    if (!streak) {
      streak = WebhookDeliveriesRepo.streakOf(this.deps.db, endpointId);
      this.streakRead.set(endpointId, streak);
    }
    if (!Webhooks.attemptInStream({ streak: await streak, failedInThisRun: this.failedInRun.has(endpointId) }))
      return "groupsOfFailingEndpoints";
    return this.attemptTime.overStreamBudget(scope) ? "groupsOfSlowEndpoints" : null;
  }

  /** Drains every group given (`DrainedGroup`; `readFrom`: `drainGroup`), several at a time, in order. */
  async drainAll(groups: Map<string, DrainedGroup>, concurrency = 8): Promise<void> {
    const queue = [...groups];
    const worker = async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const [group, { endpointId, scope, readFrom }] = next;
        // Recorded deliveries are due in the retry job's index: leaving them there loses nothing.
        if (this.outOfTime()) {
          this.counts.groupsLeftForRetry++;
          continue;
        }
        const left = await this.leftToRetryJob(endpointId, scope);
        if (left) {
          this.counts[left]++;
          continue;
        }
        await this.drainGroup(group, readFrom);
      }
    };
    // Settled, not all: a failing group must not leave the others running after the invocation ended.
    const settled = await Promise.allSettled(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
    await this.finish();
  }

  /** Attempts a group's deliveries in order, under its lease, until one fails or waits; reads it from `readStart`. */
  async drainGroup(group: string, readFrom: string | null = null): Promise<void> {
    const { db, owner, leaseMs } = this.deps;
    const lease = await WebhookDeliveriesRepo.acquireLease(db, { group, owner, now: this.now(), leaseMs, readFrom });
    if (!lease) {
      this.counts.busyGroups++;
      return;
    }
    let attempted = false;
    try {
      for (;;) {
        const { deliveries: pending, unreadable } = await WebhookDeliveriesRepo.readGroup(db, lease, GROUP_PAGE);
        if (pending.length === 0) {
          if (unreadable) this.noteUnreadableDelivery(unreadable);
          return;
        }
        for (const [index, delivery] of pending.entries()) {
          // Stop while the lease still covers a whole attempt; the next run continues. Only a stop for the
          // invocation's time is work left behind (`stoppedEarly`): the lease's window ends a long group's turn.
          if (this.outOfTime()) {
            this.counts.groupsLeftForRetry++;
            return;
          }
          if (!this.leaseCoversAttempt(lease)) return;
          // The group's first attempt was let through by the share check made before its lease (the retry job's):
          // checking again here could find the share spent by another lane meanwhile and leave a lease taken for
          // nothing. The share is then exceeded by at most the attempts under way, one per lane, as documented.
          if (attempted && this.attemptTime.overShare(Webhooks.scopeOf(delivery.sellerId))) {
            this.counts.groupsOverShare++;
            return;
          }
          attempted = true;
          // Its endpoint failed or used its time meanwhile (here or in another group): the rest is the retry job's.
          const left = await this.leftToRetryJob(delivery.endpointId, Webhooks.scopeOf(delivery.sellerId));
          if (left) {
            this.counts[left]++;
            return;
          }
          const head = await this.attemptIfDue(delivery, lease);
          if (head.kind === "outOfTime") {
            this.counts.groupsLeftForRetry++;
            return;
          }
          if (head.kind === "leaseShort") {
            this.counts.leasesRanShort++;
            this.deps.logger.warn("webhook group lease ran short before an attempt: nothing sent", {
              group,
              eventId: delivery.eventId,
            });
            return;
          }
          if (head.kind === "lost") {
            // Our lease lapsed mid-attempt and another dispatcher drains the group now: sending the
            // next delivery too would interleave with it and break the object's order.
            this.counts.leasesLost++;
            this.deps.logger.warn("webhook group lease lost during an attempt", { group, eventId: delivery.eventId });
            return;
          }
          if (head.kind === "waiting") {
            // The whole group waits for it, page by page while the run's time and the lease allow.
            const mayGoOn = () => !this.outOfTime() && this.leaseCoversAttempt(lease);
            const args = { db, group, page: pending, index, pageSize: GROUP_PAGE, until: head.until, mayGoOn };
            this.counts.deferred += await deferBehindHead(args);
            return;
          }
          lease.readAfter = delivery.position; // settled, as was every delivery before it: read on after it
        }
      }
    } finally {
      await WebhookDeliveriesRepo.releaseLease(db, lease);
    }
  }

  /**
   * Attempts the delivery when due: settled, waiting (the time the group now waits until), or lost
   * when another dispatcher recorded an attempt of it first.
   */
  private async attemptIfDue(delivery: WebhookDelivery, lease: WebhookDeliveriesRepo.HeldLease): Promise<HeadOutcome> {
    if (delivery.nextAttemptAt !== null && delivery.nextAttemptAt > this.now())
      return { kind: "waiting", until: delivery.nextAttemptAt };
    const after = await this.attempt(delivery, lease);
    if (after === "leaseShort" || after === "outOfTime") return { kind: after };
    if (!after) return { kind: "lost" };
    if (Webhooks.isSettled(after.status) || after.nextAttemptAt === null) return { kind: "settled" };
    return { kind: "waiting", until: after.nextAttemptAt };
  }

  /**
   * The endpoint as it is now, when it may still receive the delivery; null when it is disabled, deleted, or its
   * owner is no longer entitled; "unreadable" when this code cannot parse its item (`noteUnreadable`). Whether
   * the owner is entitled comes from the run's read of the scope (a minute at most: docs/webhooks.md states that
   * bound for revocations); the rest from a strongly consistent read of the one endpoint right before the attempt,
   * so a rotation with no overlap, a new url or a switch-off is what the very next attempt uses: a run lasts up to
   * 5 minutes, and a leaked secret or an abandoned host must not sign or receive anything more. One read per
   * attempt, next to the attempt's own writes.
   */
  private async currentEndpoint(delivery: WebhookDelivery): Promise<Webhooks.WebhookEndpoint | null | "unreadable"> {
    const scope = Webhooks.scopeOf(delivery.sellerId);
    const read = await this.scopeRead(scope);
    if (read.unreadable.some((e) => e.endpointId === delivery.endpointId)) return "unreadable";
    if (!read.endpoints.some((e) => e.endpointId === delivery.endpointId)) return null;
    const endpoint = await WebhookEndpointsRepo.getStored(this.deps.db, scope, delivery.endpointId);
    if (endpoint && WebhookEndpointsRepo.isUnreadable(endpoint)) {
      this.noteUnreadable(endpoint);
      return "unreadable";
    }
    return endpoint?.status === "ENABLED" ? endpoint : null;
  }

  /** Whether the group's lease still has room for a whole attempt and its write (`LEASE_ATTEMPT_MARGIN_MS`). */
  private leaseCoversAttempt(lease: WebhookDeliveriesRepo.HeldLease): boolean {
    return Time.toMs(lease.until) - Time.toMs(this.now()) >= LEASE_ATTEMPT_MARGIN_MS;
  }

  /**
   * One attempt, its result recorded on the delivery (null when another writer recorded one first; "leaseShort"
   * or "outOfTime" when nothing was sent because the lease, or the Lambda's time, no longer covers it).
   */
  private async attempt(
    delivery: WebhookDelivery,
    lease: WebhookDeliveriesRepo.HeldLease,
  ): Promise<WebhookDelivery | null | "leaseShort" | "outOfTime"> {
    const { db } = this.deps;
    const at = this.now();
    const endpoint = await this.currentEndpoint(delivery);
    if (endpoint === "unreadable") {
      // Not a reason to give up: once the item reads again (deploy done, edit mended) it goes on its usual backoff.
      const { recorded } = await this.retryUnsent(
        delivery,
        at,
        "Nothing was sent: the endpoint's stored record could not be read by this version of the service.",
      );
      return recorded;
    }
    if (!endpoint) {
      // Disabled, deleted, or its owner no longer entitled: nothing is sent; a redelivery can send it later.
      return this.giveUpUnsent(
        delivery,
        at,
        "The endpoint is disabled or its owner may no longer receive this seller's events.",
      );
    }
    // Its owner dropped the event's type since the delivery was made (`updateWebhookEndpoint`): a retry would
    // send what `redeliverWebhookEvent` now refuses. A redelivery was asked for explicitly, so it still goes.
    if (
      delivery.sequence === WebhookDeliveriesRepo.FIRST_DELIVERY &&
      !Webhooks.subscribes({ endpoint, type: delivery.eventType })
    ) {
      return this.giveUpUnsent(
        delivery,
        at,
        `The endpoint no longer subscribes to ${delivery.eventType} events: nothing was sent.`,
      );
    }
    let headers: Record<string, string>;
    try {
      headers = this.headers(endpoint, delivery, at);
    } catch (error) {
      return this.secretUnavailable(endpoint, delivery, at, error);
    }
    // The endpoint and scope reads above take up to seconds each when DynamoDB is slow: the Lambda's time and the
    // lease checked before them may no longer cover the attempt. Unsent and unrecorded, the delivery stays due for
    // the retry job or the next run.
    if (this.outOfTime()) return "outOfTime";
    if (!this.leaseCoversAttempt(lease)) return "leaseShort";
    const result = await deliver({
      url: endpoint.url,
      body: delivery.body,
      headers,
      allowLocal: this.deps.allowLocalEndpoints,
      resolve: this.deps.resolve,
      limits: this.deps.limits,
      ca: this.deps.ca,
    });
    this.attemptTime.add(endpoint, result.durationMs);
    const attempt = {
      at,
      outcome: result.outcome,
      statusCode: result.status,
      durationMs: result.durationMs,
      responseExcerpt: Webhooks.loggedExcerpt(result.responseExcerpt),
      detail: result.detail,
    };
    if (result.outcome === "DELIVERED") {
      const done = await WebhookDeliveriesRepo.recordAttempt(db, delivery, attempt, {
        status: "DELIVERED",
        nextAttemptAt: null,
      });
      if (done) this.counts.delivered++;
      await this.streaks.succeeded(endpoint.endpointId, at);
      return done;
    }
    // Before any write, so the run's other workers stop attempting it at once (stream only).
    this.failedInRun.add(endpoint.endpointId);
    const next = Webhooks.afterFailure({
      since: delivery.createdAt,
      // Every earlier attempt of an unsettled delivery failed.
      failedAttempts: delivery.attemptCount + 1,
      now: at,
      policy: this.deps.retryPolicy,
      jitter: this.deps.random(),
    });
    const recorded = await WebhookDeliveriesRepo.recordAttempt(db, delivery, attempt, next);
    if (recorded) this.counts[next.status === "GAVE_UP" ? "gaveUp" : "failed"]++;
    this.deps.logger.warn("webhook delivery failed", {
      endpointId: endpoint.endpointId,
      eventId: delivery.eventId,
      outcome: result.outcome,
      statusCode: result.status,
      next: next.status,
    });
    await this.countFailure(endpoint, WebhookDeliveriesRepo.attemptIdOf(delivery), at);
    return recorded;
  }

  /** Settles a delivery as given up without sending it (an `ENDPOINT_UNAVAILABLE` attempt saying why). */
  private async giveUpUnsent(delivery: WebhookDelivery, at: string, detail: string): Promise<WebhookDelivery | null> {
    const attempt = unsentAttempt(at, detail);
    const settled = await WebhookDeliveriesRepo.recordAttempt(this.deps.db, delivery, attempt, {
      status: "GAVE_UP",
      nextAttemptAt: null,
    });
    if (settled) this.counts.gaveUp++;
    return settled;
  }

  /**
   * The endpoint's signing secret does not open (its seal's key left the keyring, or the seal is
   * damaged): nothing is sent, the attempt is recorded as failed and retried on the usual backoff
   * (an operator can restore the key meanwhile). Only this endpoint's delivery fails, never the
   * batch; the receiver is not at fault, so its failing streak does not grow. The log names the
   * endpoint and the seal's key id, never the secret or the error's text.
   */
  private async secretUnavailable(
    endpoint: Webhooks.WebhookEndpoint,
    delivery: WebhookDelivery,
    at: string,
    error: unknown,
  ): Promise<WebhookDelivery | null> {
    const { recorded, next } = await this.retryUnsent(
      delivery,
      at,
      "Nothing was sent: the endpoint's signing secret could not be opened with the configured key.",
    );
    this.deps.logger.error("webhook signing secret could not be opened", {
      endpointId: endpoint.endpointId,
      eventId: delivery.eventId,
      sealedKeyIds: endpoint.secrets.map((s) => sealKeyIdOrNull(s.sealed)),
      errorName: error instanceof Error ? error.name : typeof error,
      next,
    });
    return recorded;
  }

  /** An attempt that sent nothing, recorded as failed and retried on backoff; no streak (not the receiver's fault). */
  private async retryUnsent(delivery: WebhookDelivery, at: string, detail: string): Promise<UnsentRetry> {
    const next = Webhooks.afterFailure({
      since: delivery.createdAt,
      failedAttempts: delivery.attemptCount + 1,
      now: at,
      policy: this.deps.retryPolicy,
      jitter: this.deps.random(),
    });
    const recorded = await WebhookDeliveriesRepo.recordAttempt(this.deps.db, delivery, unsentAttempt(at, detail), next);
    if (recorded) this.counts[next.status === "GAVE_UP" ? "gaveUp" : "failed"]++;
    return { recorded, next: next.status };
  }

  private headers(endpoint: Webhooks.WebhookEndpoint, delivery: WebhookDelivery, at: string): Record<string, string> {
    const secrets = WebhookEndpointsRepo.signingSecrets(endpoint, this.deps.keyring, at);
    return {
      "content-type": "application/json",
      "user-agent": "seller-ops-webhooks/1",
      [Webhooks.SIGNATURE_HEADER]: Webhooks.signatureHeader({
        secrets,
        timestamp: Math.floor(Time.toMs(at) / 1000),
        body: delivery.body,
      }),
      [EVENT_ID_HEADER]: delivery.eventId,
      [EVENT_TYPE_HEADER]: delivery.eventType,
      [ATTEMPT_HEADER]: String(delivery.attemptCount + 1),
    };
  }

  /**
   * A failed attempt lengthens the endpoint's streak, after this run's latest 2xx to it ended the stored one (one 2xx
   * anywhere resets the count, docs/webhooks.md); a long enough streak switches it off.
   */
  private async countFailure(endpoint: Webhooks.WebhookEndpoint, attemptId: string, at: string): Promise<void> {
    const streak = await this.streaks.failed({ endpointId: endpoint.endpointId, attemptId, at });
    if (!Webhooks.shouldDisable({ streak, now: at, policy: this.deps.disablePolicy })) return;
    if (await disableAfterFailures(this.deps, endpoint, this.remainingMs)) {
      this.counts.endpointsDisabled++;
      // Its other deliveries in this run find it unavailable; re-enabled, it starts a new streak.
      this.scopes.delete(endpoint.scope);
      await WebhookDeliveriesRepo.clearStreak(this.deps.db, endpoint.endpointId);
    }
  }

  /** Ends the run: each endpoint's latest 2xx in it not written yet ends the failures counted before it. */
  async finish(): Promise<void> {
    await this.streaks.finish();
  }
}

/** The key id a seal names, or null when the seal is damaged (the log then says so, without the seal). */
function sealKeyIdOrNull(sealed: string): string | null {
  try {
    return Webhooks.sealedKeyId(sealed);
  } catch {
    return null;
  }
}

/** An attempt that sent nothing (the endpoint unavailable, its secret unopened), with why in `detail`. */
function unsentAttempt(at: string, detail: string) {
  return {
    at,
    outcome: "ENDPOINT_UNAVAILABLE" as const,
    statusCode: null,
    durationMs: 0,
    responseExcerpt: "",
    detail,
  };
}
