import { text } from "../i18n/texts";
import { checkOffer, checkOfferWithinPaid, givesMoneyBack, isReturnOffer, refusedOnCancelled } from "../compensation";
import { ok, refuse, userError, type Result, type UserError } from "../errors";
import { checkVersion } from "../inputs";
import { addMinor, scaleMinor } from "../money";
import { moneyBack, type Order } from "../orders";
import { addMs, DAY_MS, HOUR_MS, toMs, type Instant } from "../time";
import { acceptReturnOffer, checkReturnOffer } from "../returns/verbs";
import {
  changeOf,
  checkOpening,
  next,
  sellerAnswered,
  type CaseVerbArgs,
  type CreatesArgs,
  timelineText,
} from "./change";
import type {
  MakeCompensationOfferInput,
  RespondToCompensationOfferInput,
  WithdrawCompensationOfferInput,
} from "./inputs";
import { atCap, shippedRefusal } from "./limits";
import { checkAction, nextIncidentOpen, nextOwed } from "./machine";
import {
  defaultCaseRules,
  hasLapsed,
  isAlreadyDone,
  owesAnswer,
  type AlreadyDone,
  type Case,
  type CaseRules,
  type Change,
  type CompensationOffer,
} from "./shapes";

/** Compensation offers: the seller makes or withdraws one, the buyer accepts or declines it. */

/**
 * The case-deadline job's expiry of a pending offer past `expiresAt` (./deadlines.ts), or null when the case has no
 * such offer: the offer EXPIRED, the case awaits the seller again, its fresh `respondBy` counted from `expiresAt`;
 * unless the buyer wrote while the offer was pending (`owesAnswer`): that message's `respondBy`, watched since, and its
 * overdue mark stay, so the offer's lapse neither extends the answer owed nor flags it twice.
 */
export function expireLapsedOffer(args: { case: Case; now: Instant; rules?: CaseRules }): Change | null {
  const { case: c, now } = args;
  const rules = args.rules ?? defaultCaseRules;
  const pending = c.offers.find((o) => o.status === "PENDING");
  if (c.status !== "OFFER_PENDING" || !pending || !hasLapsed(pending, now)) return null;
  const status = checkAction(c.status, "EXPIRE_OFFER", ["SYSTEM"]);
  if (!status.ok) return null;
  const after = next(c, now, {
    status: status.value,
    offers: withOffer(c, { ...pending, status: "EXPIRED", answeredAt: now }),
    // From the moment the offer lapsed, not from this run: the seller set `expiresAt` and knows it, and a job
    // that runs late (or after an outage) must not move the seller's deadline.
    ...(!owesAnswer(c) && {
      respondBy: addMs(pending.expiresAt, rules.respondWithinMs[c.reason]),
      responseOverdueAt: null,
    }),
  });
  return changeOf(
    c,
    after,
    "OFFER_EXPIRED",
    "SYSTEM",
    now,
    timelineText("timeline.offerExpired", { kind: pending.kind }),
  );
}

/**
 * The case as it reads at `now`: one whose pending offer is past `expiresAt` reads as the case-deadline job leaves
 * it (the offer EXPIRED, the case awaiting the seller with its fresh `respondBy`), as orders read late when `shipBy`
 * passed before the late-order job looked. Only what a write records stays as stored: the version, the timeline,
 * and the offer's `answeredAt` (null until the expiry is recorded). The verbs act on it too (`afterLapse`): they
 * record the expiry first, but those that answer or withdraw the lapsed offer refuse to.
 */
export function asReadAt(args: { case: Case; now: Instant; rules?: CaseRules }): Case {
  const expired = expireLapsedOffer(args);
  if (!expired) return args.case;
  const { version, eventCount, updatedAt, nextDeadlineAt } = args.case;
  const offers = expired.case.offers.map((o) =>
    o.status === "EXPIRED" && !args.case.offers.some((was) => was.id === o.id && was.status === "EXPIRED")
      ? { ...o, answeredAt: null }
      : o,
  );
  return { ...expired.case, offers, version, eventCount, updatedAt, nextDeadlineAt };
}

/**
 * A case verb on the case as it reads at `now` (`asReadAt`), for every verb of the case mutations: when a pending offer
 * is past `expiresAt` and the case-deadline job has not recorded it yet, this records its expiry first, exactly as the
 * job would (`expireLapsedOffer`: its own timeline entry and event, in the same transaction, `Change.earlier`), then
 * the verb acts on the case as the job leaves it: a seller's answer is an answer to the case awaiting the seller again,
 * an escalation or a resolution finds no offer pending. The caller's `expectedVersion` is the stored case's (the case
 * reads at it); the expiry is the change's first step, not someone else's. A refusal writes nothing, the expiry
 * neither; a request already done (`AlreadyDone`) answers the case as it reads. The verbs that answer the offer itself
 * (`respondToOffer`, `withdrawOffer`) decide on the stored case instead: they refuse the lapsed offer (OFFER_EXPIRED).
 */
export function afterLapse<
  A extends { case: Case; input: { expectedVersion?: number | null }; now: Instant; rules?: CaseRules },
  C extends Change | AlreadyDone,
>(verb: (args: A) => Result<C>): (args: A) => Result<C> {
  return (args) => {
    const lapsed = expireLapsedOffer(args);
    if (!lapsed) return verb(args);
    const version = checkVersion(args.case, args.input.expectedVersion);
    if (!version.ok) return version;
    const decided = verb({ ...args, case: lapsed.case, input: { ...args.input, expectedVersion: null } });
    if (!decided.ok) return decided;
    const change = decided.value;
    if (isAlreadyDone(change)) return ok({ ...change, case: asReadAt(args) });
    return ok({ ...change, earlier: [lapsed, ...(change.earlier ?? [])] });
  };
}

/**
 * A compensation offer: within its kind's cap and what is left of the order; one open offer per case. On a CANCELLED
 * order only goodwill (a coupon, a gift, free shipping): the cancellation refunded the buyer, and a return offer needs
 * goods that shipped. A pending offer
 * past `expiresAt` no longer stands in the way (`afterLapse`): the buyer can no longer take it nor the seller withdraw
 * it, so its expiry is recorded first and the new offer taken on the case as the job leaves it.
 */
export const makeOffer = afterLapse(makeOfferOn);

/** The new offer on the case as it stands (no offer pending, or one still open, which refuses it). */
function makeOfferOn(args: CaseVerbArgs<MakeCompensationOfferInput> & CreatesArgs): Result<Change> {
  const { case: c, order, input, now } = args;
  const rules = args.rules ?? defaultCaseRules;
  const onePending =
    c.status === "OFFER_PENDING" && args.roles.includes("SELLER")
      ? userError("INVALID_TRANSITION", text("refusal.case.offerPending", {}))
      : null;
  const status = checkOpening(args, "MAKE_OFFER", onePending);
  if (!status.ok) return status;
  const full = atCap(c, "MAKE_OFFER", args.roles);
  if (full) return refuse(full);

  const asReturn = checkReturnOffer({
    case: c,
    order,
    kind: input.kind,
    amount: input.amount,
    percentOff: input.percentOff,
  });
  if (asReturn && !asReturn.ok) return asReturn;
  // Money back on a CANCELLED order would refund the buyer twice; goodwill is still offered.
  const cancelled = givesMoneyBack(input.kind) ? refusedOnCancelled(order, ["input", "kind"]) : null;
  if (cancelled) return refuse(cancelled);
  let amountMinor: number;
  if (asReturn?.value.amountMinor === 0) {
    // An exchange: the goods come back and a new item goes out; no money moves.
    amountMinor = 0;
  } else if (input.kind === "DISCOUNT") {
    if (input.percentOff == null || input.amount) {
      return refuse(userError("INVALID_INPUT", text("refusal.offer.discountAsPercent", {}), ["input", "percentOff"]));
    }
    amountMinor = scaleMinor({
      amountMinor: order.buyerTotal.amountMinor,
      numerator: input.percentOff,
      denominator: 100,
      // Down, as the policy's cap is: a discount of the cap's percent is never half a unit above the cap.
      rounding: "down",
    });
  } else {
    if (!input.amount || input.percentOff != null) {
      return refuse(
        userError("INVALID_INPUT", text("refusal.offer.needsAmount", { kind: input.kind }), ["input", "amount"]),
      );
    }
    if (input.amount.currency !== order.buyerTotal.currency) {
      return refuse(
        userError(
          "CURRENCY_MISMATCH",
          text("refusal.currency.order", { what: "offer", currency: order.buyerTotal.currency }),
          ["input", "amount", "currency"],
        ),
      );
    }
    amountMinor = input.amount.amountMinor;
  }
  if (amountMinor <= 0 && input.kind !== "REPLACEMENT_WITH_RETURN")
    return refuse(
      userError("INVALID_INPUT", text("refusal.offer.worthNothing", {}), [
        "input",
        input.kind === "DISCOUNT" ? "percentOff" : "amount",
      ]),
    );
  const policy = checkOffer(order, input.kind, amountMinor, rules.compensation);
  if (!policy.ok) {
    return input.kind === "DISCOUNT"
      ? refuse(...policy.errors.map((e) => ({ ...e, field: ["input", "percentOff"] })))
      : policy;
  }
  if (toMs(input.expiresAt) <= toMs(now))
    return refuse(
      userError("INVALID_INPUT", text("refusal.time.mustBeFuture", { field: "expiresAt" }), ["input", "expiresAt"]),
    );
  if (toMs(input.expiresAt) < toMs(now) + rules.minOfferValidityMs) {
    return refuse(
      userError("INVALID_INPUT", text("refusal.offer.tooShort", { minHours: rules.minOfferValidityMs / HOUR_MS }), [
        "input",
        "expiresAt",
      ]),
    );
  }
  // On the calendar, as `shipBy`'s limit: the same time 14 days ahead on a clock that leaves daylight time in
  // between is 14 days and an hour, and a date picker's "in 14 days" must not be refused for one week a year.
  if (toMs(input.expiresAt) > toMs(now) + rules.maxOfferValidityMs + HOUR_MS) {
    return refuse(
      userError("INVALID_INPUT", text("refusal.offer.validity", { maxDays: rules.maxOfferValidityMs / DAY_MS }), [
        "input",
        "expiresAt",
      ]),
    );
  }
  const offer: CompensationOffer = {
    id: args.id,
    kind: input.kind,
    amount: { amountMinor, currency: order.buyerTotal.currency },
    percentOff: input.percentOff ?? null,
    note: input.note ?? null,
    status: "PENDING",
    madeAt: now,
    expiresAt: input.expiresAt,
    answeredAt: null,
  };
  const after = next(c, now, { status: status.value, offers: [...c.offers, offer], ...sellerAnswered(c, now) });
  return ok(
    changeOf(
      c,
      after,
      "OFFER_MADE",
      "SELLER",
      now,
      timelineText("timeline.offerMade", { kind: offer.kind, amount: offer.amount, expiresAt: offer.expiresAt }),
    ),
  );
}

function pendingOffer(c: Case, offerId: string): Result<CompensationOffer> {
  const offer = c.offers.find((o) => o.id === offerId);
  if (!offer)
    return refuse(userError("NOT_FOUND", text("refusal.notFound", { what: "offerOnCase" }), ["input", "offerId"]));
  if (offer.status !== "PENDING") {
    return refuse(
      userError("INVALID_TRANSITION", text("refusal.offer.notPending", { status: offer.status }), ["input", "offerId"]),
    );
  }
  return ok(offer);
}

/**
 * OFFER_EXPIRED for an answer to, or a withdrawal of, the named offer past its `expiresAt`: still PENDING (the
 * case-deadline job has not recorded the lapse yet) or recorded EXPIRED since. Both read the same to the caller: the
 * job's recording moves the case on (to AWAITING_SELLER), which would otherwise turn the refusal into the status's
 * INVALID_TRANSITION about a minute after the lapse.
 */
function lapsedOffer(
  c: Case,
  offerId: string,
  now: Instant,
  said: "expired" | "expiredNotWithdrawn",
): UserError | null {
  const offer = c.offers.find((o) => o.id === offerId);
  const lapsed = offer?.status === "EXPIRED" || (offer?.status === "PENDING" && hasLapsed(offer, now));
  if (!offer || !lapsed) return null;
  return userError("OFFER_EXPIRED", text(`refusal.offer.${said}`, { expiresAt: offer.expiresAt }), [
    "input",
    "offerId",
  ]);
}

/** Whether the case's checks refused only because of its status: a lapsed offer's OFFER_EXPIRED says more. */
const refusedForStatus = (errors: UserError[]) => errors.every((e) => e.code === "INVALID_TRANSITION");

/** The case's offers with one of them replaced by its answered form. */
export function withOffer(c: Case, offer: CompensationOffer): CompensationOffer[] {
  return c.offers.map((o) => (o.id === offer.id ? offer : o));
}

/**
 * The buyer's answer, relayed by a partner tool. An offer past `expiresAt` cannot be accepted,
 * even before the case-deadline job has marked it expired. Acceptance resolves the case and
 * adds the offer to the order's refunded total (a partial refund) or its compensated total (goodwill), checked
 * again against what is left for its kind. On the late-shipment incident (`isLateShipmentIncident`) the accepted offer
 * is the remedy plan's compensation step, not the incident's end (the guide: finish processing the forgotten order):
 * the money moves all the same, but the incident resolves COMPENSATION_ACCEPTED only when the seller could close it
 * SHIPPED now (shipped with tracking, the plan's other required steps done: `shippedRefusal`); otherwise it awaits the
 * buyer, with no answer owed, until the seller closes it SHIPPED or ORDER_CANCELLED.
 * A money-back offer made before the order was cancelled is no longer accepted (the cancellation refunded the
 * buyer); the buyer declines it, or the seller withdraws it. A decline puts the case back with the seller, its
 * `respondBy` restarted, unless a buyer's message written while the offer was pending is still owed an answer.
 */
export function respondToOffer(args: CaseVerbArgs<RespondToCompensationOfferInput> & { order: Order }): Result<Change> {
  const { case: c, order, input, now } = args;
  const rules = args.rules ?? defaultCaseRules;
  const pendingNow = c.offers.find((o) => o.id === input.offerId && o.status === "PENDING");
  // Accepting a return offer starts a return: the case machine's own row, not ACCEPT_OFFER.
  const accepting = pendingNow && isReturnOffer(pendingNow.kind) ? "ACCEPT_RETURN_OFFER" : "ACCEPT_OFFER";
  const status = checkOpening(args, input.accept ? accepting : "DECLINE_OFFER");
  const lapsed = lapsedOffer(c, input.offerId, now, "expired");
  if (!status.ok) return lapsed && refusedForStatus(status.errors) ? refuse(lapsed) : status;
  if (lapsed) return refuse(lapsed);
  const found = pendingOffer(c, input.offerId);
  if (!found.ok) return found;
  const offer = found.value;
  if (input.accept && isReturnOffer(offer.kind)) return acceptReturnOffer({ ...args, offer });
  const cancelled = input.accept && givesMoneyBack(offer.kind) ? refusedOnCancelled(order, ["input", "offerId"]) : null;
  if (cancelled) return refuse(cancelled);
  if (!input.accept) {
    // The decline answers the seller's offer, not a message the buyer wrote while it was pending (`owesAnswer`):
    // that message's `respondBy`, watched since, and its overdue mark stay, as on a withdrawal or the offer's lapse.
    // Only with nothing owed does the seller's window start again from the decline.
    const after = next(c, now, {
      status: status.value,
      offers: withOffer(c, { ...offer, status: "DECLINED", answeredAt: now }),
      ...(!owesAnswer(c) && { respondBy: addMs(now, rules.respondWithinMs[c.reason]), responseOverdueAt: null }),
    });
    return ok(
      changeOf(c, after, "OFFER_DECLINED", "BUYER", now, timelineText("timeline.offerDeclined", { kind: offer.kind })),
    );
  }
  const within = checkOfferWithinPaid(order, offer.kind, offer.amount.amountMinor, ["input", "offerId"]);
  if (!within.ok) return within;
  // Money back on this order (a partial refund, a discount) counts as refunded; goodwill as compensated.
  const refund = givesMoneyBack(offer.kind);
  const updatedOrder = moneyBack(
    order,
    now,
    refund
      ? { refundedMinor: addMinor(order.refundedMinor, offer.amount.amountMinor) }
      : { compensatedMinor: addMinor(order.compensatedMinor, offer.amount.amountMinor) },
  );
  const offers = withOffer(c, { ...offer, status: "ACCEPTED", answeredAt: now });
  // The late-shipment incident is about the order shipping, not about what the buyer was given: the accepted offer is
  // the plan's compensation step done, and the incident ends with it only when it could end SHIPPED now.
  const open = next(c, now, { status: nextIncidentOpen(c.status, "ACCEPT_OFFER", status.value), offers });
  const after =
    isLateShipmentIncident(c) && shippedRefusal(open, updatedOrder, now) !== null
      ? open
      : next(c, now, { status: status.value, outcome: "COMPENSATION_ACCEPTED", resolvedAt: now, offers });
  return ok(
    changeOf(
      c,
      after,
      "OFFER_ACCEPTED",
      "BUYER",
      now,
      // The incident left open says so: the compensation step is done, not the case.
      timelineText(after.status === "RESOLVED" ? "timeline.offerAccepted" : "timeline.offerAcceptedCaseOpen", {
        kind: offer.kind,
      }),
      updatedOrder,
    ),
  );
}

/** The late-shipment incident: the case the late-order job opens or adopts (reason LATE_SHIPMENT, source SYSTEM). */
export function isLateShipmentIncident(c: Pick<Case, "reason" | "source">): boolean {
  return c.reason === "LATE_SHIPMENT" && c.source === "SYSTEM";
}

export function withdrawOffer(args: CaseVerbArgs<WithdrawCompensationOfferInput>): Result<Change> {
  const { case: c, input, now } = args;
  const status = checkOpening(args, "WITHDRAW_OFFER");
  // An offer past `expiresAt` has lapsed, whether or not the case-deadline job has recorded it yet: recording it
  // WITHDRAWN would say the seller took back an offer the buyer could no longer take.
  const lapsed = lapsedOffer(c, input.offerId, now, "expiredNotWithdrawn");
  if (!status.ok) return lapsed && refusedForStatus(status.errors) ? refuse(lapsed) : status;
  if (lapsed) return refuse(lapsed);
  const found = pendingOffer(c, input.offerId);
  if (!found.ok) return found;
  // A withdrawal answers nobody: a buyer's message written while the offer was pending still awaits the seller, by
  // the `respondBy` it set and the job has watched since (./messages.ts), so taking the offer back buys no time.
  const after = next(c, now, {
    status: nextOwed(c.status, "WITHDRAW_OFFER", c.unansweredBuyerMessages, status.value),
    offers: withOffer(c, { ...found.value, status: "WITHDRAWN", answeredAt: now }),
  });
  const said = timelineText("timeline.offerWithdrawn", { kind: found.value.kind });
  return ok(changeOf(c, after, "OFFER_WITHDRAWN", "SELLER", now, said));
}
