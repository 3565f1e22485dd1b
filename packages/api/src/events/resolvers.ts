import * as z from "zod/mini";
import { Events, Inputs, Time } from "@seller-ops/core";
import { EventsRepo } from "@seller-ops/db";
import { actingSellerId, type Context } from "../context";
import { requireDepositReader } from "../deposits/load";
import { parseListFilter } from "../filters";
import type { Resolvers } from "../generated/resolvers-types";
import { pageRequest, toConnection } from "../pagination";
import { requireEndpointReader } from "../webhooks/mutations";
import { scalarResolvers } from "./json";

/**
 * The `events` query: catch-up by pull (docs/events.md).
 *
 * Exact catch-up. An event id is a ULID of the instant its transaction was attempted, and a
 * reader continues after the last id it saw. Two writers can commit out of id order (a
 * transaction attempted at t commits a moment after one attempted at t + 1 ms), so an event
 * committed "in the past" of a reader's cursor would be skipped for good. The query therefore
 * serves only events older than `SETTLE_MS` on the injected clock: by then every transaction
 * attempted earlier has committed or failed (a GraphQL Lambda runs at most 29 s; a job stamps an
 * item after its reads and commits it within 20 s or not at all: `COMMIT_WITHIN_MS` in
 * packages/functions/src/jobs/sweep.ts), so the ids below the horizon never gain a newcomer,
 * and "after my cursor" is exactly what the reader has not seen, in order.
 */
export const SETTLE_MS = 60_000;

/** Older events are gone (TTL deletes them lazily): never served, so a read does not depend on when TTL ran. */
const RETENTION_MS = EventsRepo.RETENTION_DAYS * Time.DAY_MS;

const EventFilter = z.lazy(() =>
  z.object({
    types: z.nullish(z.array(z.enum(Events.EVENT_TYPES)).check(z.maxLength(50))),
    objectId: z.nullish(z.string().check(z.maxLength(Inputs.ID_MAX_LENGTH))),
    since: z.nullish(Time.InstantInput),
    until: z.nullish(Time.InstantInput),
  }),
);

/** Whose events a caller reads: a seller's, or (operators only, naming no seller) the operator-level ones. */
function partitionSeller(ctx: Context, requested: string | null | undefined): string | null {
  if (ctx.principal.role === "OPERATOR" && !requested) return null;
  return actingSellerId(ctx, requested, "READ");
}

/**
 * A catch-up that finds nothing new hands back the position it was given as `endCursor`: a reader
 * keeps the last `endCursor` and starts from it next time (docs/events.md), and a null there sent it
 * back to the start of the log, to read up to 30 days again. Only the events feed does this: on the
 * other lists an empty page is the end of a walk, not a place to come back to.
 */
function keepingPosition<T>(
  connection: ReturnType<typeof toConnection<T>>,
  after: string | null | undefined,
): typeof connection {
  if (!after || connection.pageInfo.endCursor !== null) return connection;
  return { ...connection, pageInfo: { ...connection.pageInfo, endCursor: after } };
}

/** The event types a page reads: `only` these (empty: every type), and never those in `except`. */
interface TypesRead {
  only: Events.EventType[];
  except: Events.EventType[];
}

/**
 * The event types the caller asked for (none: every type), less what a marketplace key may not read elsewhere: the
 * deposits' (`requireDepositReader`) and the webhook endpoints' (`requireEndpointReader`). Asking for those alone
 * is refused as reading a deposit, or an endpoint, is.
 *
 * Asking for none, a marketplace key reads every type but those, not the types this release knows: an event of a
 * type only a newer release knows (one it wrote before a rollback) then fails the page, as it does for every other
 * reader (docs/running-it.md, "A stored item the service cannot read"), and the feed goes on from it once the newer
 * release runs again. Read as "not asked for", it would be passed over, and the reader's cursor would move past it
 * for good.
 */
function typesReadBy(ctx: Context, asked: readonly Events.EventType[] | null | undefined): TypesRead {
  if (ctx.principal.role !== "MARKETPLACE") return { only: [...(asked ?? [])], except: [] };
  const hidden = [...Events.DEPOSIT_EVENT_TYPES, ...Events.WEBHOOK_ENDPOINT_EVENT_TYPES];
  if (!asked?.length) return { only: [], except: hidden };
  const readable = asked.filter((t) => !hidden.includes(t));
  if (readable.length === 0) {
    if (asked.some((t) => Events.DEPOSIT_EVENT_TYPES.includes(t))) requireDepositReader(ctx);
    requireEndpointReader(ctx);
  }
  return { only: readable, except: [] };
}

export const eventResolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    async events(_root, args, ctx) {
      const sellerId = partitionSeller(ctx, args.sellerId);
      const filter = parseListFilter(ctx, EventFilter, args.filter);
      const horizon = Time.toMs(ctx.now) - SETTLE_MS;
      const fromMs = Math.max(filter.since ? Time.toMs(filter.since) : 0, Time.toMs(ctx.now) - RETENTION_MS);
      const toMs = Math.min(filter.until ? Time.toMs(filter.until) - 1 : horizon, horizon);
      // The cursor is a position in the seller's log: bound to the seller and the filters that
      // choose events, not to the time window, which a catch-up loop moves on every call. The types
      // are a set: sorted and without repeats, so `[A, B]`, `[B, A]` and `[A, B, A]` share cursors.
      // They are the types asked for: what a key may not read is left out of the query, not of the
      // cursor, so a cursor a catch-up loop kept does not change with that list.
      const types = [...new Set(filter.types ?? [])].sort();
      const typesRead = typesReadBy(ctx, filter.types);
      const scope = { list: "events", args: { sellerId, types, objectId: filter.objectId ?? null } };
      const request = pageRequest(ctx, scope, args);
      const page =
        toMs < fromMs
          ? { items: [], hasNextPage: false, resumeKey: null }
          : await EventsRepo.listPage(
              ctx.db,
              {
                sellerId,
                fromMs,
                toMs,
                types: typesRead.only,
                exceptTypes: typesRead.except,
                objectId: filter.objectId,
              },
              request,
            );
      return keepingPosition(toConnection(ctx, scope, request, page), args.after);
    },
  },
  Event: {
    id: (event) => event.eventId,
    actorKeyId: (event, _args, ctx) => Events.actorSeenBy(ctx.principal, event),
  },
};
