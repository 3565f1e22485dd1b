import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Cases, Compensation, Orders, Returns, Time, type Case, type Order, type Result } from "@seller-ops/core";

/**
 * `availableActions` is exactly what the server accepts, at every moment: random sequences of
 * actions across several cases of one order (offers, answers, refunds, remedies and offers up to and past their caps,
 * escalations, resolutions, time passing and the deadline job expiring offers), and after every
 * step every action of every case is probed with every side's roles (the verbs are pure, so a
 * probe leaves the state as it was, like a probe on a copy): each
 * listed action must be accepted by its verb, each unlisted one refused. Returns too: some offers
 * are return offers (the order has shipped), and every move of every return is probed the same way
 * against `returnActionsFor`. A third of the orders never shipped in time: their first case is the late-shipment
 * incident the late-order job opened, beside the buyer's complaint about the delay, and the seller may ship late and
 * settle the incident SHIPPED. Every verb runs as the server runs it: on the case as it reads at the instant
 * (`asRead`), and the order as the server's write leaves it (`apply`).
 */

const START = "2026-11-20T00:00:00.000Z";
/** Each credential's roles (`rolesOf`): a seller, a marketplace key, an operator. */
const SIDES: Cases.ActorRole[][] = [["SELLER"], ["BUYER", "PLATFORM"], ["PLATFORM", "OPERATOR"]];

function newOrder(totalMinor: number, options = { shipped: true }): Order {
  const created = Orders.create({
    id: "o1",
    sellerId: "s1",
    settlementCurrency: "CNY",
    timeZone: "UTC",
    input: {
      marketplaceOrderId: "AE-1",
      items: [{ sku: "S", title: "T", quantity: 1 }],
      buyerTotal: { amountMinor: totalMinor, currency: "USD" },
      settlementAmount: { amountMinor: totalMinor * 7, currency: "CNY" },
      buyerCountry: "US",
      placedAt: START,
      handlingDays: 3,
      shipBy: null,
    },
    now: START,
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  if (!options.shipped) return created.value;
  // Shipped, so that return offers (goods to send back) are possible.
  const shipped = Orders.markShipped({
    order: created.value,
    input: { orderId: "o1", carrier: "Cainiao", trackingNumber: "LP0001" },
    now: START,
  });
  if (!shipped.ok) throw new Error(JSON.stringify(shipped.errors));
  return shipped.value;
}

/**
 * The order of a late-shipment incident: placed, never shipped, and flagged by the late-order job an hour past
 * `shipBy`, which opened the incident (the world's first case) in the same write.
 */
function lateWorld(totalMinor: number): World {
  const placed = newOrder(totalMinor, { shipped: false });
  const now = Time.addMs(placed.shipBy, Time.HOUR_MS);
  const decision = Orders.checkDeadline({ order: placed, now });
  if (decision.kind !== "late") throw new Error(`not late at ${now}: ${decision.kind}`);
  const flagged = Cases.flagLate({ before: placed, flagged: decision.order, now });
  if (!flagged.opened) throw new Error("the late-order job opened no incident");
  return { order: flagged.order, cases: [flagged.opened.case], now, ids: 0 };
}

/**
 * The offer a MAKE_OFFER step makes: by the amount, a third a return for a refund, a third an exchange; on a cancelled
 * order, where only goodwill is left to offer, a coupon; on an order not shipped yet, with no goods to send back, a
 * partial refund.
 */
function offerInput(c: Case, amountMinor: number, expiresAt: string, order: Order): Cases.MakeCompensationOfferInput {
  if (order.status === "CANCELLED")
    return { caseId: c.id, kind: "COUPON", amount: { amountMinor, currency: "USD" }, expiresAt };
  if (order.status === "AWAITING_SHIPMENT")
    return { caseId: c.id, kind: "PARTIAL_REFUND", amount: { amountMinor, currency: "USD" }, expiresAt };
  if (amountMinor > 1 && amountMinor % 3 === 0)
    return { caseId: c.id, kind: "REFUND_WITH_RETURN", amount: { amountMinor, currency: "USD" }, expiresAt };
  if (amountMinor > 1 && amountMinor % 3 === 1) return { caseId: c.id, kind: "REPLACEMENT_WITH_RETURN", expiresAt };
  return { caseId: c.id, kind: "PARTIAL_REFUND", amount: { amountMinor, currency: "USD" }, expiresAt };
}

/**
 * A verb as the server runs it (`caseChange` in packages/api/src/cases/mutations.ts): on the case as it reads at `now`,
 * a pending offer past `expiresAt` recorded EXPIRED first. Only answering or withdrawing the offer is run on the stored
 * case, which refuses the lapsed offer.
 */
const asRead = Cases.afterLapse;

/** Runs one move of a return as its verb does on the server; a wrong side counts as refused. */
function performReturn(
  w: World,
  c: Case,
  r: Returns.Return,
  action: Returns.ReturnAction,
  roles: readonly Cases.ActorRole[],
): Result<Cases.Change> {
  const ids = { caseId: c.id, returnId: r.id };
  const parcel = { carrier: "YunExpress", trackingNumber: "YT0001" };
  try {
    switch (action) {
      case "SHIP_BACK":
        return asRead(Returns.shipReturn)({ case: c, input: { ...ids, ...parcel }, roles, now: w.now });
      case "CONFIRM_RECEIPT":
        return asRead(Returns.confirmReturnReceived)({ case: c, input: ids, roles, now: w.now });
      case "REFUND":
        return asRead(Returns.refundReturn)({ case: c, order: w.order, input: ids, roles, now: w.now });
      case "SHIP_REPLACEMENT":
        return asRead(Returns.shipReplacement)({ case: c, input: { ...ids, ...parcel }, roles, now: w.now });
      case "CANCEL":
        return asRead(Returns.cancelReturn)({ case: c, input: ids, roles, now: w.now });
      case "VOID":
      case "EXPIRE":
      case "FLAG_OVERDUE":
        return { ok: false, errors: [] };
      default: {
        const never: never = action;
        throw new Error(String(never));
      }
    }
  } catch (error) {
    if (error instanceof Cases.RoleForbidden) return { ok: false, errors: [] };
    throw error;
  }
}

/** The moves a caller can make itself (the rest are the job's or the platform's decision). */
const CALLER_MOVES = Returns.RETURN_ACTIONS.filter(
  (a) => a !== "VOID" && Returns.RETURN_TRANSITIONS[a].role !== "SYSTEM",
);

interface World {
  order: Order;
  cases: Case[];
  now: string;
  ids: number;
}

/**
 * Opens a buyer's case as the world's next one, and the order as the API leaves it; with `claimMinor`, one claiming
 * that much (a claim about a delay counts other cases' refunds).
 */
function openCase(w: World, reason: Cases.CaseReason = "DAMAGED", claimMinor = 0) {
  const i = w.cases.length;
  const claimAmount = claimMinor > 0 ? { amountMinor: claimMinor, currency: "USD" } : null;
  const opened = Cases.open({
    id: `c${i}`,
    order: w.order,
    openCaseOpeners: [],
    openBuyerCases: [],
    input: { orderId: "o1", reason, source: "BUYER", claimAmount },
    roles: ["BUYER"],
    now: w.now,
  });
  if (!opened.ok) throw new Error(`${reason} on ${w.order.status}: ${JSON.stringify(opened.errors)}`);
  const change = { case: opened.value.case, order: null, event: opened.value.events[0] };
  w.order = Cases.orderAfter({ orderBefore: w.order, change, caseBefore: null, now: w.now }) ?? w.order;
  w.cases.push(opened.value.case);
}

/** Runs one action of one case as its verb does on the server; a wrong role counts as refused. */
function perform(
  w: World,
  c: Case,
  action: Cases.CaseAction,
  roles: readonly Cases.ActorRole[],
  amountMinor = 1,
): Result<Cases.Change | Cases.AlreadyDone> {
  const pending = c.offers.find((o) => o.status === "PENDING");
  const offerId = pending?.id ?? "none";
  const id = `x${++w.ids}`;
  try {
    switch (action) {
      case "POST_SELLER_MESSAGE":
        return asRead(Cases.postMessage)({
          case: c,
          input: { caseId: c.id, direction: "SELLER", body: "Sorry." },
          roles,
          now: w.now,
        });
      case "POST_BUYER_MESSAGE":
        return asRead(Cases.postMessage)({
          case: c,
          input: { caseId: c.id, direction: "BUYER", body: "Where?" },
          roles,
          now: w.now,
        });
      case "POST_PLATFORM_MESSAGE":
        return asRead(Cases.postMessage)({
          case: c,
          input: { caseId: c.id, direction: "PLATFORM", body: "Noted." },
          roles,
          now: w.now,
        });
      case "RECORD_REMEDY":
        // A refund is refused while the case's return is open (the return refunds): the remedy the seller may still
        // record is one that moves no money.
        return amountMinor > 1 && !Returns.openReturnOf(c.returns)
          ? asRead(Cases.recordRemedy)({
              case: c,
              order: w.order,
              otherCasesOfOrder: w.cases,
              input: { caseId: c.id, kind: "PARTIAL_REFUND", amount: { amountMinor, currency: "USD" } },
              id,
              roles,
              now: w.now,
            })
          : asRead(Cases.recordRemedy)({
              case: c,
              order: w.order,
              otherCasesOfOrder: w.cases,
              input: { caseId: c.id, kind: "APOLOGY" },
              id,
              roles,
              now: w.now,
            });
      case "MAKE_OFFER":
        return Cases.makeOffer({
          case: c,
          order: w.order,
          input: offerInput(c, amountMinor, Time.addMs(w.now, Time.DAY_MS), w.order),
          id,
          roles,
          now: w.now,
        });
      case "WITHDRAW_OFFER":
        return Cases.withdrawOffer({ case: c, input: { caseId: c.id, offerId }, roles, now: w.now });
      case "ACCEPT_OFFER":
      case "ACCEPT_RETURN_OFFER": {
        // One answer, two rows of the machine: the pending offer's kind says which the server takes.
        const asReturn =
          pending !== undefined &&
          (pending.kind === "REFUND_WITH_RETURN" || pending.kind === "REPLACEMENT_WITH_RETURN");
        if (asReturn !== (action === "ACCEPT_RETURN_OFFER")) return { ok: false, errors: [] };
        return Cases.respondToOffer({
          case: c,
          order: w.order,
          input: { caseId: c.id, offerId, accept: true },
          roles,
          now: w.now,
        });
      }
      case "DECLINE_OFFER":
        return Cases.respondToOffer({
          case: c,
          order: w.order,
          input: { caseId: c.id, offerId, accept: false },
          roles,
          now: w.now,
        });
      case "ESCALATE":
        return asRead(Cases.escalate)({ case: c, input: { caseId: c.id }, roles, now: w.now });
      case "RESOLVE_BY_SELLER": {
        // Listed when some outcome is backed by a recorded remedy: accepted when one of the seller's outcomes is.
        const tries = (["REFUNDED", "REPLACED", "RETURNED_AND_REFUNDED", "SHIPPED", "ORDER_CANCELLED"] as const).map(
          (outcome) =>
            asRead(Cases.resolve)({
              case: c,
              order: w.order,
              input: { caseId: c.id, outcome },
              roles,
              now: w.now,
              otherCasesOfOrder: w.cases,
            }),
        );
        return tries.find((t) => t.ok) ?? tries[0]!;
      }
      case "WITHDRAW_BY_BUYER":
        return asRead(Cases.resolve)({
          case: c,
          order: w.order,
          otherCasesOfOrder: w.cases,
          input: { caseId: c.id, outcome: "BUYER_WITHDREW" },
          roles,
          now: w.now,
        });
      case "DECIDE":
        return asRead(Cases.resolve)({
          case: c,
          order: w.order,
          otherCasesOfOrder: w.cases,
          input: { caseId: c.id, outcome: "DECIDED_FOR_SELLER", note: "The seller shipped." },
          roles,
          now: w.now,
        });
      case "CLOSE":
        return asRead(Cases.close)({ case: c, input: { caseId: c.id }, roles, now: w.now });
      case "SUBMIT_SELLER_EVIDENCE":
      case "SUBMIT_BUYER_EVIDENCE":
      case "SUBMIT_PLATFORM_EVIDENCE": {
        const input = {
          caseId: c.id,
          side: Cases.sideOfAction(action)!,
          kind: "PHOTO" as const,
          // A piece of its own each time: the same one again is already submitted and fills no slot.
          reference: `evidence/photo-${id}.jpg`,
        };
        return asRead(Cases.submitEvidence)({ case: c, input, id, roles, now: w.now, submittedBy: "key_1" });
      }
      case "EXPIRE_OFFER":
      // Taken only through a return's moves (probed with the returns) or by the job.
      case "CANCEL_RETURN":
      case "LAPSE_RETURN":
      case "ESCALATE_RETURN":
      case "COMPLETE_RETURN":
        return { ok: false, errors: [] };
      default: {
        const never: never = action;
        throw new Error(String(never));
      }
    }
  } catch (error) {
    if (error instanceof Cases.RoleForbidden) return { ok: false, errors: [] };
    throw error;
  }
}

/**
 * Cancels the order as `cancelOrder` does (packages/api/src/orders/cancel.ts): with its late-shipment incident ended
 * ORDER_CANCELLED in the same change when the incident can end so, the order one version on. False when refused.
 */
function cancelOrder(w: World): boolean {
  const input = { orderId: "o1", reason: "OUT_OF_STOCK" as const };
  const cancelled = Orders.cancel({ order: w.order, input, now: w.now, by: "SELLER" });
  if (!cancelled.ok) return false;
  const index = w.cases.findIndex((c) => c.id === Cases.lateShipmentCaseOf(w.order));
  const incident = index >= 0 ? w.cases[index]! : null;
  const change = incident && Cases.resolvedByCancellation({ case: incident, order: cancelled.value, now: w.now });
  const withCase =
    change && Cases.orderAfter({ orderBefore: cancelled.value, change, caseBefore: incident, now: w.now });
  w.order = withCase ? { ...withCase, version: cancelled.value.version } : cancelled.value;
  if (change) w.cases[index] = change.case;
  return true;
}

/**
 * Applies a change as the API writes it: the case, and the order as `orderAfter` leaves it (its money, what it
 * holds for returns, its open cases, what was done about its delay).
 */
function apply(w: World, index: number, change: Cases.Change | Cases.AlreadyDone) {
  if (Cases.isAlreadyDone(change)) return;
  const order = Cases.orderAfter({ orderBefore: w.order, change, caseBefore: w.cases[index]!, now: w.now });
  w.cases[index] = change.case;
  if (order) w.order = order;
}

type Step =
  | { kind: "act"; caseIndex: number; action: Cases.CaseAction; side: number; amountMinor: number }
  | { kind: "return"; caseIndex: number; action: Returns.ReturnAction; side: number }
  | { kind: "walk"; caseIndex: number; amountMinor: number; moves: number }
  | { kind: "repeat"; caseIndex: number; cycle: readonly (readonly [Cases.CaseAction, number])[]; times: number }
  | { kind: "wait"; hours: number }
  | { kind: "deadlines" }
  | { kind: "ship"; settle: boolean }
  | { kind: "cancel"; offerFirst: boolean };

/**
 * Cycles that grow a case's capped lists, each action with the side that may take it: single random
 * actions across 17 actions and 3 cases almost never record 20 remedies or make 20 offers on one
 * case, or fill a side's evidence, so a "repeat" step runs one cycle up to a few times past the cap.
 */
const GROWING_CYCLES = [
  [["RECORD_REMEDY", 0]],
  [
    ["MAKE_OFFER", 0],
    ["WITHDRAW_OFFER", 0],
  ],
  [
    ["MAKE_OFFER", 0],
    ["DECLINE_OFFER", 1],
  ],
  [["SUBMIT_SELLER_EVIDENCE", 0]],
  [["SUBMIT_BUYER_EVIDENCE", 1]],
  [["SUBMIT_PLATFORM_EVIDENCE", 2]],
] as const;
const MOST_REPEATS = Math.max(Cases.CASE_LIMITS.remedies, Cases.CASE_LIMITS.offers) + 3;

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("act" as const),
      caseIndex: fc.nat(2),
      action: fc.constantFrom(...Cases.CASE_ACTIONS),
      side: fc.nat(2),
      amountMinor: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 6_000 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("repeat" as const),
      caseIndex: fc.nat(2),
      cycle: fc.constantFrom(...GROWING_CYCLES),
      times: fc.integer({ min: 1, max: MOST_REPEATS }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("return" as const),
      caseIndex: fc.nat(2),
      action: fc.constantFrom(...CALLER_MOVES),
      side: fc.nat(2),
    }),
  },
  // A return offer accepted, then its return walked along its happy path for a few moves (a third of the orders ship
  // late, if at all, and take no return offer before).
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("walk" as const),
      caseIndex: fc.nat(2),
      amountMinor: fc.integer({ min: 2, max: 3_000 }),
      moves: fc.nat(3),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("wait" as const),
      hours: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 300, max: 800 })),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "deadlines" as const }) },
  // The seller ships the order (refused once it has shipped): late, on the incident's order; then, half the time,
  // writes to the buyer, the remedy plan's other required step, and resolves the incident SHIPPED.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("ship" as const), settle: fc.boolean() }) },
  // The seller cancels the order (refused once it has shipped): on the incident's order, before it ships; half the time
  // with an offer made on the incident first, which leaves the incident open until the offer ends.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("cancel" as const), offerFirst: fc.boolean() }) },
);

/** After each step: for every case and side, the listed actions are exactly those the verbs accept. */
function probeAll(w: World) {
  w.cases.forEach((c, index) => {
    for (const roles of SIDES) {
      const listed = Cases.actionsFor({ case: c, roles, order: w.order, now: w.now, otherCasesOfOrder: w.cases });
      for (const action of Cases.CASE_ACTIONS) {
        if (action === "EXPIRE_OFFER") continue;
        // The verbs are pure (they return the next case, never change it): probing on the state itself
        // leaves it as it was, as a copy would.
        const accepted = perform(w, w.cases[index]!, action, roles).ok;
        if (listed.includes(action) !== accepted) {
          throw new Error(
            `${c.id} ${c.status} ${action} by ${roles.join("+")}: listed ${listed.includes(action)}, accepted ` +
              `${accepted}; order left to refund ${Compensation.refundableMinor(w.order)}, for goodwill ` +
              `${Compensation.goodwillLeftMinor(w.order)}, offers ` +
              `${JSON.stringify(c.offers.map((o) => [o.status, o.amount.amountMinor, o.expiresAt]))} at ${w.now}`,
          );
        }
      }
      for (const r of c.returns) {
        const listedMoves = Returns.returnActionsFor({
          return: r,
          caseStatus: c.status,
          roles,
          order: w.order,
          now: w.now,
        });
        for (const action of CALLER_MOVES) {
          const accepted = performReturn(w, w.cases[index]!, r, action, roles).ok;
          if (listedMoves.includes(action) !== accepted) {
            throw new Error(
              `${c.id} return ${r.status} ${action} by ${roles.join("+")}: listed ` +
                `${listedMoves.includes(action)}, accepted ${accepted} at ${w.now}`,
            );
          }
        }
      }
    }
  });
}

describe("availableActions is exactly what the verbs accept", () => {
  it("after every step of 1,000 random sequences across three cases of one order, a third of them late", () => {
    let sequences = 0;
    let probes = 0;
    let capsReached = 0;
    let movesMade = 0;
    let delayClaims = 0;
    let incidents = 0;
    let shippedLate = 0;
    let incidentsShipped = 0;
    let cancelledLate = 0;
    let incidentsCancelled = 0;
    const returnEnds = new Set<string>();
    fc.assert(
      fc.property(
        fc.integer({ min: 2_000, max: 10_000 }),
        fc.array(step, { minLength: 1, maxLength: 40 }),
        // The second and third cases: most often about the delay (the order shipped in time, so NOT_RECEIVED), the
        // third a buyer's claim, which counts what the second gave back toward it (what the seller may settle, what a
        // decision for the buyer refunds).
        fc.constantFrom<Cases.CaseReason>("NOT_RECEIVED", "NOT_RECEIVED", "DAMAGED"),
        fc.constantFrom<Cases.CaseReason>("NOT_RECEIVED", "NOT_RECEIVED", "NOT_RECEIVED", "DAMAGED"),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100 })),
        // A third of the orders never shipped in time: the first case is then the late-shipment incident the
        // late-order job opened, and the second the buyer's complaint about the delay beside it. The seller may ship
        // late ("ship").
        fc.constantFrom(false, false, true),
        (total, steps, secondReason, thirdReason, claimPercent, late) => {
          sequences++;
          const w: World = late ? lateWorld(total) : { order: newOrder(total), cases: [], now: START, ids: 0 };
          const claimMinor = Math.ceil((total * claimPercent) / 100); // at most what the buyer paid
          if (!late) openCase(w);
          openCase(w, late ? "LATE_SHIPMENT" : secondReason);
          openCase(w, thirdReason, claimMinor);
          if (Cases.claimCountsOtherCases(w.cases[2]!)) delayClaims++;
          if (late) incidents++;
          probeAll(w);
          for (const s of steps) {
            const runDeadlines = () =>
              w.cases.forEach((c, i) => {
                const checked = Cases.checkDeadlines({ case: c, now: w.now });
                if (checked.kind === "change") apply(w, i, checked.change);
              });
            if (s.kind === "wait") {
              w.now = Time.addMs(w.now, s.hours * 3_600_000);
              // Long waits (weeks) end with the deadline job, so returns lapse and sellers are flagged;
              // probed first, when deadlines have passed and the job has not acted yet.
              if (s.hours >= 300) {
                probeAll(w);
                runDeadlines();
              }
            } else if (s.kind === "deadlines") runDeadlines();
            else if (s.kind === "cancel") {
              if (s.offerFirst) {
                const offered = perform(w, w.cases[0]!, "MAKE_OFFER", ["SELLER"], 100);
                if (offered.ok) apply(w, 0, offered.value);
                probeAll(w);
              }
              if (cancelOrder(w) && late) cancelledLate++;
            } else if (s.kind === "ship") {
              const shipped = Orders.markShipped({
                order: w.order,
                input: { orderId: "o1", carrier: "Cainiao", trackingNumber: "LP0002" },
                now: w.now,
              });
              if (shipped.ok) w.order = shipped.value;
              if (shipped.ok && late) shippedLate++;
              if (s.settle) {
                for (const action of ["POST_SELLER_MESSAGE", "RESOLVE_BY_SELLER"] as const) {
                  probeAll(w);
                  const done = perform(w, w.cases[0]!, action, ["SELLER"]);
                  if (done.ok) apply(w, 0, done.value);
                }
              }
            } else if (s.kind === "repeat") {
              for (let round = 0; round < s.times; round++) {
                for (const [action, side] of s.cycle) {
                  const done = perform(w, w.cases[s.caseIndex]!, action, SIDES[side]!);
                  if (done.ok) apply(w, s.caseIndex, done.value);
                  probeAll(w);
                  probes += w.cases.length * SIDES.length * (Cases.CASE_ACTIONS.length - 1);
                }
              }
            } else if (s.kind === "walk") {
              const offered = perform(w, w.cases[s.caseIndex]!, "MAKE_OFFER", ["SELLER"], s.amountMinor);
              if (offered.ok) apply(w, s.caseIndex, offered.value);
              const accepted = perform(w, w.cases[s.caseIndex]!, "ACCEPT_RETURN_OFFER", ["BUYER", "PLATFORM"]);
              if (accepted.ok) apply(w, s.caseIndex, accepted.value);
              probeAll(w);
              const buyer: Cases.ActorRole[] = ["BUYER", "PLATFORM"];
              const path: [Returns.ReturnAction, Cases.ActorRole[]][] = [
                s.amountMinor % 7 === 0 ? ["CANCEL", buyer] : ["SHIP_BACK", buyer],
                ["CONFIRM_RECEIPT", ["SELLER"]],
                [s.amountMinor % 3 === 0 ? "REFUND" : "SHIP_REPLACEMENT", ["SELLER"]],
              ];
              for (const [action, roles] of path.slice(0, s.moves)) {
                const c = w.cases[s.caseIndex]!;
                const r = c.returns.at(-1);
                const done = r ? performReturn(w, c, r, action, roles) : null;
                if (done?.ok) apply(w, s.caseIndex, done.value);
                if (r) movesMade++;
                probeAll(w);
              }
            } else if (s.kind === "return") {
              const c = w.cases[s.caseIndex]!;
              const r = c.returns.at(-1);
              const done = r ? performReturn(w, c, r, s.action, SIDES[s.side]!) : null;
              if (done?.ok) apply(w, s.caseIndex, done.value);
              if (r) movesMade++;
            } else {
              const c = w.cases[s.caseIndex]!;
              const done = perform(w, c, s.action, SIDES[s.side]!, s.amountMinor);
              if (done.ok) apply(w, s.caseIndex, done.value);
            }
            probeAll(w);
            probes += w.cases.length * SIDES.length * (Cases.CASE_ACTIONS.length - 1);
          }
          const sideFull = (c: Case) =>
            Cases.EVIDENCE_SIDES.some((side) => SIDES.some((roles) => Cases.evidenceAtCap(c, side, roles) !== null));
          if (
            w.cases.some(
              (c) =>
                c.remedies.length >= Cases.CASE_LIMITS.remedies ||
                c.offers.length >= Cases.CASE_LIMITS.offers ||
                sideFull(c),
            )
          )
            capsReached++;
          for (const c of w.cases) for (const r of c.returns) returnEnds.add(r.status);
          if (late && w.cases[0]!.outcome === "SHIPPED") incidentsShipped++;
          if (late && w.cases[0]!.outcome === "ORDER_CANCELLED") incidentsCancelled++;
        },
      ),
      { numRuns: 1_000, seed: 20261129 },
    );
    // eslint-disable-next-line no-console
    console.log(
      `available actions: ${sequences} sequences, ${probes} probes, ${capsReached} reached a cap, ${movesMade} ` +
        `return moves, ${delayClaims} delay claims, ${incidents} incidents (${shippedLate} shipped late, ` +
        `${incidentsShipped} resolved SHIPPED, ${cancelledLate} cancelled, ${incidentsCancelled} resolved ` +
        `ORDER_CANCELLED), return states seen ${[...returnEnds].join(" ")}`,
    );
    expect(sequences).toBeGreaterThanOrEqual(1_000);
    expect(delayClaims).toBeGreaterThanOrEqual(300);
    // The late-shipment incident, on orders then shipped late or cancelled, ended SHIPPED or ORDER_CANCELLED.
    expect(incidents).toBeGreaterThanOrEqual(250);
    expect(shippedLate).toBeGreaterThanOrEqual(60);
    expect(incidentsShipped).toBeGreaterThanOrEqual(20);
    expect(incidentsCancelled).toBeGreaterThanOrEqual(25);
    expect(probes).toBeGreaterThan(100_000);
    // The property must have seen lists at their caps, not only the dedicated test below.
    expect(capsReached).toBeGreaterThanOrEqual(50);
    // And returns in every state a caller or the job can bring them to.
    for (const status of Returns.RETURN_STATUSES) expect([...returnEnds], status).toContain(status);
  }, 240_000);

  it("on a cancelled order: no refund nor money-back acceptance is offered, and the server refuses them", () => {
    const placed = newOrder(7_000, { shipped: false });
    const w: World = { order: placed, cases: [], now: START, ids: 0 };
    for (let i = 0; i < 2; i++) openCase(w, "NOT_RECEIVED");
    const offered = perform(w, w.cases[0]!, "MAKE_OFFER", ["SELLER"], 2_000);
    if (!offered.ok) throw new Error(JSON.stringify(offered.errors));
    apply(w, 0, offered.value);
    const refunded = perform(w, w.cases[1]!, "RECORD_REMEDY", ["SELLER"], 1_000);
    if (!refunded.ok) throw new Error(JSON.stringify(refunded.errors));
    apply(w, 1, refunded.value);
    const cancelled = Orders.cancel({
      order: w.order,
      input: { orderId: "o1", reason: "OUT_OF_STOCK" },
      now: w.now,
      by: "SELLER",
    });
    if (!cancelled.ok) throw new Error(JSON.stringify(cancelled.errors));
    w.order = cancelled.value;
    const buyerSees = Cases.actionsFor({ case: w.cases[0]!, roles: ["BUYER", "PLATFORM"], order: w.order, now: w.now });
    expect(buyerSees).not.toContain("ACCEPT_OFFER");
    expect(buyerSees).toContain("DECLINE_OFFER");
    probeAll(w);
    // A refund remedy is refused (RECORD_REMEDY stays listed: an apology is still taken), a coupon is offered.
    expect(perform(w, w.cases[1]!, "RECORD_REMEDY", ["SELLER"], 500).ok).toBe(false);
    const coupon = perform(w, w.cases[1]!, "MAKE_OFFER", ["SELLER"], 500);
    expect(coupon.ok, JSON.stringify(coupon)).toBe(true);
    if (coupon.ok) apply(w, 1, coupon.value);
    probeAll(w);
  });

  it("lists reaching their caps take their action away, and the server refuses it", () => {
    const w: World = { order: newOrder(10_000), cases: [], now: START, ids: 0 };
    openCase(w);
    for (let i = 0; i < Cases.CASE_LIMITS.remedies; i++) {
      const done = perform(w, w.cases[0]!, "RECORD_REMEDY", ["SELLER"]);
      if (!done.ok) throw new Error(JSON.stringify(done.errors));
      apply(w, 0, done.value);
    }
    expect(Cases.actionsFor({ case: w.cases[0]!, roles: ["SELLER"], order: w.order, now: w.now })).not.toContain(
      "RECORD_REMEDY",
    );
    probeAll(w);
  });

  it(
    "an offer another case's refund can no longer honour is not " +
      "offered for acceptance, and accepting it is refused",
    () => {
      // The story: $50 offered on case 2, then $50 refunded on case 3 of a $70 order leaves $20.
      const w: World = { order: newOrder(7_000), cases: [], now: START, ids: 0 };
      for (let i = 0; i < 2; i++) openCase(w);
      const offered = perform(w, w.cases[0]!, "MAKE_OFFER", ["SELLER"], 5_000);
      if (!offered.ok) throw new Error(JSON.stringify(offered.errors));
      apply(w, 0, offered.value);
      const refunded = perform(w, w.cases[1]!, "RECORD_REMEDY", ["SELLER"], 5_000);
      if (!refunded.ok) throw new Error(JSON.stringify(refunded.errors));
      apply(w, 1, refunded.value);
      const buyerSees = Cases.actionsFor({
        case: w.cases[0]!,
        roles: ["BUYER", "PLATFORM"],
        order: w.order,
        now: w.now,
      });
      expect(buyerSees).not.toContain("ACCEPT_OFFER");
      expect(buyerSees).toContain("DECLINE_OFFER");
      expect(perform(w, w.cases[0]!, "ACCEPT_OFFER", ["BUYER"]).ok).toBe(false);
      probeAll(w);
    },
  );
});
