import { createHash } from "node:crypto";
import * as z from "zod/mini";
import {
  Auth,
  Errors,
  Events,
  I18n,
  Inputs,
  Orders,
  Stats,
  type Order,
  type Result,
  type Seller,
} from "@seller-ops/core";
import {
  Idempotency,
  isCounterAdd,
  OrdersRepo,
  OverviewRepo,
  stableJson,
  StatsRepo,
  transactWrite,
  type TransactItem,
} from "@seller-ops/db";
import { actingSellerId, type Context, withinWorkWindow } from "../context";
import {
  eventWrites,
  mutationInput,
  orderAsItIsNow,
  withoutNulls,
  type Effect,
  type LazyInput,
  type MutationSpec,
} from "../mutation";
import { loadSellerForWrite } from "../sellers/load";
import { orderChangeEffect, type OrderPayload } from "./change";
import { loadOrderForWrite } from "./load";

/**
 * Order mutations: each loads, asks core to decide, and stages the order write together with the
 * seller's daily counters so both land in one transaction.
 */

const SellerIdInput = z.nullish(Inputs.IdInput("sellerId"));

/** Writes for a new order: the order, its uniqueness guard (index 1), the counters. */
function newOrderWrites(ctx: Context, order: Order, seller: Seller): TransactItem[] {
  return [
    ...OrdersRepo.createOrderWrites(ctx.db, order),
    ...StatsRepo.counterWrites(ctx.db, seller.id, Stats.orderDeltas(null, order, seller.timeZone)),
    ...OverviewRepo.orderChangeWrites(ctx.db, null, order),
  ];
}

/**
 * The events of a new order: ORDER_IMPORTED of the order as it came in and, when it came with its shipment,
 * ORDER_SHIPPED of the order shipped, as a create and a `markOrderShipped` record them (in one transaction here).
 */
function newOrderEvents(steps: Orders.CreatedOrder): Events.EventDraft[] {
  const imported = Events.orderEvent({ type: "ORDER_IMPORTED", order: steps.created });
  return steps.shipped ? [imported, Events.orderEvent({ type: "ORDER_SHIPPED", order: steps.shipped })] : [imported];
}

async function duplicateError(ctx: Context, sellerId: string, marketplaceOrderId: string, field: (string | number)[]) {
  const existingId = await OrdersRepo.findByMarketplaceOrderId(ctx.db, sellerId, marketplaceOrderId);
  if (!existingId) return null;
  return {
    existingId,
    error: Errors.userError(
      "DUPLICATE_ORDER",
      I18n.text("refusal.order.duplicate", { marketplaceOrderId, orderId: existingId }),
      field,
    ),
  };
}

/** The seller the caller acts for (its own, or the one a partner or operator names), to write for. */
function loadActingSeller(ctx: Context, requested: string | null | undefined): Promise<Result<Seller>> {
  return loadSellerForWrite(ctx, actingSellerId(ctx, requested, "WRITE"));
}

const CreateOrderInput = mutationInput(Orders.CreateInput, { sellerId: SellerIdInput });

export const createOrder: MutationSpec<typeof CreateOrderInput, OrderPayload> = {
  name: "createOrder",
  input: CreateOrderInput,
  refusedPayload: { order: null },
  async execute(ctx, input) {
    const { sellerId, ...orderInput } = input;
    const acting = await loadActingSeller(ctx, sellerId);
    if (!acting.ok) return { kind: "refused", errors: acting.errors };
    const seller = acting.value;
    const decided = Orders.createSteps({
      id: ctx.newId(),
      sellerId: seller.id,
      settlementCurrency: seller.settlementCurrency,
      timeZone: seller.timeZone,
      input: orderInput,
      now: ctx.now,
      rules: ctx.config.orderRules,
    });
    if (!decided.ok) return { kind: "refused", errors: decided.errors };
    const order = Orders.storedOrder(decided.value);
    return {
      kind: "write",
      writes: newOrderWrites(ctx, order, seller),
      events: newOrderEvents(decided.value),
      payload: { order },
      async onConditionFailed(failed) {
        const duplicate = failed.includes(OrdersRepo.DUPLICATE_GUARD_INDEX)
          ? await duplicateError(ctx, seller.id, order.marketplaceOrderId, ["input", "marketplaceOrderId"])
          : null;
        if (!duplicate) throw new Error(`createOrder: unexpected failed conditions ${failed.join(",")}`);
        return [duplicate.error];
      },
    };
  },
};

/** Most orders a single import takes: one page of a marketplace's order export. */
export const MAX_IMPORT = 100;

const ImportOrdersInput = mutationInput(
  z.lazy(() =>
    z.strictObject({
      sellerId: SellerIdInput,
      orders: z
        .array(z.unknown())
        .check(
          z.minLength(1, I18n.says("schema.atLeast", { what: "importOrders", min: 1 })),
          z.maxLength(MAX_IMPORT, I18n.says("schema.atMost", { what: "importOrders", max: MAX_IMPORT })),
        ),
    }),
  ),
);

export type ImportOutcome = "CREATED" | "DUPLICATE" | "REJECTED" | "NOT_ATTEMPTED";
export interface ImportResult {
  index: number;
  marketplaceOrderId: string | null;
  outcome: ImportOutcome;
  order: Order | null;
  existingOrderId: string | null;
  errors: Errors.UserError[];
}
export type ImportPayload = { results: ImportResult[] };
export type ImportPayloadWithErrors = ImportPayload & { userErrors: Errors.UserError[] };

/**
 * A batch of orders, each standing alone: one invalid or duplicate order does not stop the
 * others. Each created order is its own transaction (order + guard + counters).
 *
 * With an idempotency key, each order is idempotent on its own: its answer is kept under a key
 * derived from the import's (`<key>#<index>`), written in the same transaction as the order. A
 * process killed half-way leaves some orders written with their answers; a retry with the same
 * key finishes the batch, and every replay rebuilds the answer from the orders' own records — so
 * the stored answer cannot differ from what the batch did, and no record grows with the batch.
 * The import's own key is claimed (with the request's hash) before its first order: another batch
 * under the key, at once or after a crash part-way, is refused before it writes any order.
 */
export const importOrders: MutationSpec<typeof ImportOrdersInput, ImportPayload> = {
  name: "importOrders",
  input: ImportOrdersInput,
  refusedPayload: { results: [] },
  replayByParts: true,
  // The orders' own records hold the answer; the import's record keeps none of it.
  storedPayload: (payload) => ({ ...payload, results: [] }),
  // A seller the caller may not write for is FORBIDDEN before the import's key is taken: the corrected request
  // can come under the same key.
  checkBeforeKey: (ctx, input) => void actingSellerId(ctx, input.sellerId, "WRITE"),
  comparedInput: (input) => ({ ...input, orders: input.orders.map(orderAsCompared) }),
  async execute(ctx, input, request): Promise<Effect<ImportPayload>> {
    const acting = await loadActingSeller(ctx, input.sellerId);
    if (!acting.ok) return { kind: "refused", errors: acting.errors };
    const seller = acting.value;
    const importKey = request.idempotencyKey;

    // An order is begun only while the invocation has time left (`withinWorkWindow`): when the writes are slow (a
    // burst of conflicts on the seller's counters), the rest are answered NOT_ATTEMPTED, with nothing written for
    // them, rather than the whole request cut off unanswered at the function's timeout. An order a keyed import
    // decided before is answered from its record whatever the time: the same request under the same key goes on.
    const importOne = async (raw: unknown, index: number): Promise<Imported> => {
      const begin = (recordWrite: ((result: ImportResult) => TransactItem) | null) =>
        withinWorkWindow(ctx) ? decideOne(raw, index, recordWrite) : Promise.resolve(notAttempted(raw, index));
      return importKey
        ? importOneOnce(ctx, { importKey, sellerId: seller.id, raw, index }, begin)
        : { result: await begin(null), fromRecord: false };
    };

    const decideOne = async (
      raw: unknown,
      index: number,
      recordWrite: ((result: ImportResult) => TransactItem) | null,
    ): Promise<ImportResult> => {
      const field = ["input", "orders", index] as (string | number)[];
      const marketplaceOrderId = echoedOrderId(raw);
      const rejected = (errors: Errors.UserError[]): ImportResult => ({
        index,
        marketplaceOrderId,
        outcome: "REJECTED",
        order: null,
        existingOrderId: null,
        errors: errors.map((e) => ({
          ...e,
          field: e.field ? [...field.map(String), ...e.field.slice(1)] : field.map(String),
        })),
      });
      const parsed = Errors.parseInput(Orders.CreateInput, raw, { now: ctx.now });
      if (!parsed.ok) return rejected(parsed.errors);
      const decided: Result<Orders.CreatedOrder> = Orders.createSteps({
        id: ctx.newId(),
        sellerId: seller.id,
        settlementCurrency: seller.settlementCurrency,
        timeZone: seller.timeZone,
        input: parsed.value,
        now: ctx.now,
        rules: ctx.config.orderRules,
      });
      if (!decided.ok) return rejected(decided.errors);
      const order = Orders.storedOrder(decided.value);
      const created: ImportResult = {
        index,
        marketplaceOrderId: order.marketplaceOrderId,
        outcome: "CREATED",
        order,
        existingOrderId: null,
        errors: [],
      };
      // Each order stands alone: its event lands in its own transaction.
      const writes = [...newOrderWrites(ctx, order, seller), ...eventWrites(ctx, newOrderEvents(decided.value))];
      // The order's own answer lands with the order (last item), or neither does.
      if (recordWrite) writes.push(recordWrite(created));
      const written = await transactWrite(ctx.db.doc, writes);
      if (written.ok) return created;
      if (recordWrite && written.failedConditions.includes(writes.length - 1)) throw new PartRecordedMeanwhile();
      if (written.failedConditions.some((i) => isCounterAdd(writes[i]))) {
        // One of the seller's totals would pass 2^53 − 1 with this order (counterItems.ts): the order is refused as
        // createOrder refuses it, and the batch goes on.
        return rejected([
          Errors.userError(
            "AMOUNT_OVERFLOW",
            I18n.text("error.amountOverflow", { what: "sellerTotal", value: null, day: null }),
          ),
        ]);
      }
      const duplicate = written.failedConditions.includes(OrdersRepo.DUPLICATE_GUARD_INDEX)
        ? await duplicateError(ctx, seller.id, order.marketplaceOrderId, [...field, "marketplaceOrderId"])
        : null;
      if (!duplicate)
        throw new Error(`importOrders: unexpected failed conditions ${written.failedConditions.join(",")}`);
      return {
        index,
        marketplaceOrderId: order.marketplaceOrderId,
        outcome: "DUPLICATE",
        order: null,
        existingOrderId: duplicate.existingId,
        errors: [duplicate.error],
      };
    };

    // One order at a time. Every order's transaction ADDs to the seller's overview and day counters, and in AWS
    // a transaction touching an item another one is writing is cancelled (TransactionConflict): orders written
    // side by side only cancel and back off each other (8 at once: about 70 conflicts per 100 orders), and on
    // DynamoDB Local 8 at once was no faster than one. 100 orders take a few seconds either way, unless conflicts
    // make each slow (`importOne`).
    const imported: Imported[] = [];
    for (const [index, order] of input.orders.entries()) imported.push(await importOne(order, index));
    // An order answered from its record is read as it is now, like every replay's objects (mutation.ts): all of
    // them at once after the loop, so the loaders send one BatchGetItem per 100, not one read per order in it.
    const results = await Promise.all(
      imported.map(async ({ result, fromRecord }) =>
        fromRecord ? { ...result, order: await orderAsItIsNow(ctx, result.order) } : result,
      ),
    );
    return { kind: "performed", payload: { results } };
  },
};

/**
 * The marketplace order id an import's result echoes: only text without control characters or half characters
 * (refused as such when the order is decided), never an ESC sequence back; one too long is echoed cut, between whole
 * characters.
 */
function echoedOrderId(raw: unknown): string | null {
  const given = raw && typeof raw === "object" ? (raw as { marketplaceOrderId?: unknown }).marketplaceOrderId : null;
  return typeof given === "string" && !Inputs.hasControlCharacters(given) && !Inputs.hasLoneSurrogate(given)
    ? Inputs.cutText(given, Inputs.ID_MAX_LENGTH)
    : null;
}

/** An order the import did not take up (past the request's work window): nothing was written for it. */
function notAttempted(raw: unknown, index: number): ImportResult {
  return {
    index,
    marketplaceOrderId: echoedOrderId(raw),
    outcome: "NOT_ATTEMPTED",
    order: null,
    existingOrderId: null,
    errors: [],
  };
}

/**
 * What makes two imported orders under one key the same order: the order as parsed (ids and texts trimmed and in one
 * Unicode form), as createOrder's input is compared; one that does not parse, as sent, without its nulls. The parse
 * is the schema's alone (not the request's date bounds), so an order compares the same whenever it is retried.
 */
function orderAsCompared(raw: unknown): unknown {
  const parsed = Orders.CreateInput.safeParse(raw);
  return withoutNulls(parsed.success ? parsed.data : raw) ?? null;
}

/** Records of an import's orders: one per order, scoped apart from any mutation's own keys. */
const IMPORT_ORDER_SCOPE = "importOrders.order";

/** One order's result, and whether it is the answer a record kept (whose order the import reads again, as now). */
interface Imported {
  result: ImportResult;
  fromRecord: boolean;
}

/**
 * One order of a keyed import, at most once: a replay answers the order's stored result; a first
 * attempt decides it, and `decide` writes the answer with the order (`recordWrite`, conditioned on
 * the part having no record yet). Answers that wrote no order (rejected, duplicate) are kept
 * right after. Of two attempts deciding the same order at once, one lands; the other answers its
 * record. An internal error writes no record, so the import's retry decides the order again.
 */
async function importOneOnce(
  ctx: Context,
  part: { importKey: string; sellerId: string; raw: unknown; index: number },
  decide: (recordWrite: (result: ImportResult) => TransactItem) => Promise<ImportResult>,
): Promise<Imported> {
  const scope: Idempotency.IdempotencyScope = {
    principalId: Auth.retryOwnerId(ctx.principal),
    mutation: IMPORT_ORDER_SCOPE,
    key: `${part.importKey}#${part.index}`,
  };
  // As the import's own key compares it: a retry that spells the order otherwise (a left-out field as null, an id
  // with spaces around it) is the same order, not another input under the key (IDEMPOTENCY_KEY_REUSED for an order
  // the first call created).
  const hashOf = (order: unknown) =>
    createHash("sha256")
      .update(stableJson({ sellerId: part.sellerId, order }))
      .digest("hex");
  const requestHash = hashOf(orderAsCompared(part.raw));
  // The release before hashed the order as sent; the records it kept live 24 h, then this can go.
  const formerRequestHash = hashOf(withoutNulls(part.raw) ?? null);
  const answered = async (): Promise<Imported | null> => {
    const found = await Idempotency.lookup(ctx.db, scope, requestHash, ctx.clock(), formerRequestHash);
    switch (found.kind) {
      case "absent":
        return null;
      case "replay":
        return { result: found.payload as ImportResult, fromRecord: true };
      case "reused":
        // The import's key, claimed before its orders, matched: only a record outliving its import's gets here.
        return {
          result: {
            index: part.index,
            marketplaceOrderId: null,
            outcome: "REJECTED",
            order: null,
            existingOrderId: null,
            errors: [
              Errors.userError("IDEMPOTENCY_KEY_REUSED", I18n.text("refusal.order.importKeyReused", {}), [
                "input",
                "idempotencyKey",
              ]),
            ],
          },
          fromRecord: false,
        };
      case "busy":
        throw new Error("importOrders: an attempt of the previous release still holds this order's key");
      case "claimed":
        // Only one-item effects claim a key, and an imported order is a transaction with its events.
        throw new Error("importOrders: an order's key holds a one-item effect's claim");
    }
  };
  const known = await answered();
  if (known) return known;
  const keep = (answer: ImportResult) =>
    Idempotency.recordWrite(ctx.db, scope, { requestHash, payload: answer, at: ctx.clock() }, ctx.config.idempotency);
  let result: ImportResult;
  try {
    result = await decide(keep);
  } catch (error) {
    // Another attempt of this import wrote the order with its answer first: that answer is this one's.
    const winner = error instanceof PartRecordedMeanwhile ? await answered() : null;
    if (winner) return winner;
    throw error;
  }
  // A created order's answer landed with it; an order not begun keeps none, so the same key decides it next time.
  if (result.outcome === "CREATED" || result.outcome === "NOT_ATTEMPTED") return { result, fromRecord: false };
  const recorded = await Idempotency.record(
    ctx.db,
    scope,
    { requestHash, payload: result, at: ctx.clock() },
    ctx.config.idempotency,
  );
  return recorded ? { result, fromRecord: false } : ((await answered()) ?? { result, fromRecord: false });
}

/** An imported order's transaction failed on its part's record: another attempt recorded the part first. */
class PartRecordedMeanwhile extends Error {
  constructor() {
    super("importOrders: another attempt recorded this order first");
  }
}

/**
 * The shape every change to one existing order shares: load it for writing, let core's verb decide
 * the next state, write it under its version together with the counters it moves. Every verb is
 * given the same arguments (the order, the input, the instant, the rules, an id for what it adds).
 */
function orderChange<I extends { orderId: string }>(
  name: string,
  inputSchema: LazyInput & z.ZodMiniType<I>,
  verb: (args: Orders.OrderVerbArgs<I> & { id: string }) => Result<Order>,
  eventType: Events.EventType,
) {
  const schema = mutationInput(inputSchema);
  const spec: MutationSpec<typeof schema, OrderPayload> = {
    name,
    input: schema,
    refusedPayload: { order: null },
    async execute(ctx, parsed) {
      // The schema is the verb's own input schema plus the idempotency key, which the pipeline took off.
      const input = parsed as I;
      const read = await loadOrderForWrite(ctx, input.orderId);
      if (!read.ok) return { kind: "refused", errors: read.errors };
      const loaded = read.value;
      const decided = verb({ order: loaded.order, input, now: ctx.now, rules: ctx.config.orderRules, id: ctx.newId() });
      if (!decided.ok) return { kind: "refused", errors: decided.errors };
      const after = decided.value;
      return orderChangeEffect(ctx, {
        before: loaded.order,
        after,
        seller: loaded.seller,
        events: [Events.orderEvent({ type: eventType, order: after })],
      });
    },
  };
  return spec;
}

export const markOrderShipped = orderChange("markOrderShipped", Orders.ShipInput, Orders.markShipped, "ORDER_SHIPPED");
export const markOrderDelivered = orderChange(
  "markOrderDelivered",
  Orders.DeliverInput,
  Orders.markDelivered,
  "ORDER_DELIVERED",
);
export const expediteOrder = orderChange("expediteOrder", Orders.ExpediteInput, Orders.expedite, "ORDER_EXPEDITED");
// Its late-shipment incident ends with it, in the same transaction: ./cancel.ts.
export { cancelOrder } from "./cancel";
// The platform's side only, on an order it may see: ./tracking.ts.
export { reportInvalidTracking, withdrawInvalidTrackingReport } from "./tracking";
export const recordShippingIncident = orderChange(
  "recordShippingIncident",
  Orders.IncidentInput,
  Orders.recordIncident,
  "ORDER_INCIDENT_RECORDED",
);
