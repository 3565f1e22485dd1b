import { text } from "../i18n/texts";
import { assertNever, ok, refuse, userError, type Result } from "../errors";
import { voidedByDecision } from "../returns/verbs";
import { checkWithinPaid, givesMoneyBack, heldMinor, refundableMinor } from "../compensation";
import { addMinor, type Money } from "../money";
import { moneyBack, type Order } from "../orders";
import type { ReturnStatus } from "../returns/machine";
import { openReturnOf } from "../returns/shapes";
import { type GivenBackRecords, givenBackOnCase } from "./given-back";
import { changeOf, checkOpening, next, type CaseVerbArgs, type CreatesArgs, timelineText } from "./change";
import type { CloseCaseInput, EscalateCaseInput, ResolveCaseInput } from "./inputs";
import {
  cancelledRefusal,
  givenRefundRefusal,
  lateIncidentRefusal,
  refundCoversClaim,
  refundedOnOtherDelayCases,
  refundedTowardClaim,
  remedyBacks,
  SELLER_OUTCOME_REMEDIES,
  sellerMayResolveAlone,
  shippedRefusal,
  type OtherCases,
  type SellerOutcome,
} from "./limits";
import { resolvingAction } from "./machine";
import { type Case, type Change, REFUND_REMEDIES, type RemedyKind } from "./shapes";

/** Following the platform's process: escalation, resolution with an outcome, closing. */

/** Platform arbitration: a pending offer counts as declined. */
export function escalate(args: CaseVerbArgs<EscalateCaseInput>): Result<Change> {
  const { case: c, input, now } = args;
  const status = checkOpening(args, "ESCALATE");
  if (!status.ok) return status;
  // The ESCALATED entry names the offer it declines, as the RESOLVED entry names the one resolving withdraws.
  const pending = c.offers.find((o) => o.status === "PENDING") ?? null;
  const offers = c.offers.map((o) =>
    o.status === "PENDING" ? { ...o, status: "DECLINED" as const, answeredAt: now } : o,
  );
  const after = next(c, now, { status: status.value, escalatedAt: now, offers });
  const said = timelineText("timeline.escalated", { offerDeclined: pending?.kind ?? null });
  // The buyer's note is the entry's body, not a figure of its line: bodies are redacted (packages/db/src/retention.ts).
  return ok(changeOf(c, after, "ESCALATED", "BUYER", now, said, null, input.note || null));
}

/**
 * Resolution: the outcome says who may resolve (the seller settles, the buyer withdraws, the platform decides).
 * The order is read for what is left to refund on it, which a seller's refund outcome may need. On a case about the
 * order's delay, the caller gives the order's other cases too (`otherCasesOfOrder`): what was given back on those
 * about the delay (`givenBackOnCase`) counts toward the buyer's claim, for the seller's refund outcome and for the
 * decision's default refund.
 */
export function resolve(
  args: CaseVerbArgs<ResolveCaseInput> & Pick<CreatesArgs, "order"> & { otherCasesOfOrder?: OtherCases },
): Result<Change> {
  const { case: c, order, input, now, otherCasesOfOrder: others } = args;
  const viaOffer =
    input.outcome === "COMPENSATION_ACCEPTED"
      ? userError("INVALID_INPUT", text("refusal.case.outcomeViaOffer", {}), ["input", "outcome"])
      : null;
  const action = resolvingAction(input.outcome);
  const status = checkOpening(args, action, viaOffer);
  if (!status.ok) return status;
  // The platform's ruling is what the seller answers to (its deposit, its dispute record) and may appeal: it says why.
  if (action === "DECIDE" && !input.note?.trim()) {
    return refuse(
      userError("INVALID_INPUT", text("refusal.case.decisionNeedsNote", { outcome: input.outcome }), ["input", "note"]),
    );
  }
  const refund = platformRefund(c, order, input, others);
  if (!refund.ok) return refund;
  const incidentRefusal =
    input.outcome === "SHIPPED"
      ? shippedRefusal(c, order, now)
      : input.outcome === "ORDER_CANCELLED"
        ? cancelledRefusal(c, order)
        : lateIncidentRefusal(c, input.outcome);
  if (incidentRefusal) return refuse(incidentRefusal);
  if (action === "RESOLVE_BY_SELLER" && input.outcome in SELLER_OUTCOME_REMEDIES) {
    const outcome = input.outcome as SellerOutcome;
    if (!sellerMayResolveAlone(c, outcome)) {
      return refuse(userError("INVALID_TRANSITION", text("refusal.case.replacedNeedsBuyer", {}), ["input", "outcome"]));
    }
    if (!remedyBacks(c, outcome, others, order)) {
      const kinds = [...SELLER_OUTCOME_REMEDIES[outcome]];
      return refuse(
        userError("INVALID_TRANSITION", text("refusal.case.outcomeWithoutRemedy", { outcome, kinds }), [
          "input",
          "outcome",
        ]),
      );
    }
    if (!refundCoversClaim(c, order, outcome, others)) {
      const money = (amountMinor: number) => ({ amountMinor, currency: order.buyerTotal.currency });
      const elsewhere = refundedOnOtherDelayCases(c, others);
      return refuse(
        userError(
          "INVALID_TRANSITION",
          text("refusal.case.refundShortOfClaim", {
            outcome,
            refunded: money(refundedTowardClaim(c, others)),
            elsewhere: elsewhere > 0 ? money(elsewhere) : null,
            claimed: c.claimAmount,
            left: money(refundableMinor(order)),
          }),
          ["input", "outcome"],
        ),
      );
    }
  }
  const actor = action === "RESOLVE_BY_SELLER" ? "SELLER" : action === "WITHDRAW_BY_BUYER" ? "BUYER" : "PLATFORM";
  // The offer still pending ends with the case. The RESOLVED entry says so, as it says a voided return: one change,
  // one entry, one event (CASE_DECIDED, which carries the case's moved fields), never an OFFER_WITHDRAWN that would
  // tell a consumer the seller took the offer back.
  const pending = c.offers.find((o) => o.status === "PENDING") ?? null;
  const offers = c.offers.map((o) =>
    o.status === "PENDING" ? { ...o, status: "WITHDRAWN" as const, answeredAt: now } : o,
  );
  // Deciding the escalated case ends an open return with it (the return table's VOID).
  const returns = action === "DECIDE" ? voidedByDecision(c, now) : c.returns;
  const returnCancelled = returns.some((r, i) => r.status !== c.returns[i]!.status);
  const platformRefunded = refund.value;
  const after = next(c, now, {
    status: status.value,
    outcome: input.outcome,
    resolvedAt: now,
    offers,
    returns,
    ...(platformRefunded ? { platformRefund: platformRefunded } : {}),
  });
  // The decision's refund moves the order's refunded total as a refund remedy does (`recordRemedy`): `orderAfter`
  // then releases the voided return's hold, and the counters and the order's money event follow.
  const orderMoved = platformRefunded
    ? moneyBack(order, now, { refundedMinor: addMinor(order.refundedMinor, platformRefunded.amountMinor) })
    : null;
  return ok(
    changeOf(
      c,
      after,
      "RESOLVED",
      actor,
      now,
      timelineText("timeline.resolved", {
        outcome: input.outcome,
        returnCancelled,
        offerWithdrawn: pending?.kind ?? null,
        platformRefund: platformRefunded,
      }),
      orderMoved,
      // The note is the entry's body, redacted like a message's, never a figure of its line.
      input.note || null,
    ),
  );
}

/**
 * What the platform's decision for the buyer (DECIDED_FOR_BUYER) refunds the buyer out of the order's money: the
 * operator's `platformRefund` (in the order currency, more than zero, at most what is refundable on the order counting
 * the hold of this case's own open return, which the decision voids and so releases into the refund), or, without it,
 * what is owed by default (`owedByDefault`) capped at that. Null when nothing moves: another
 * outcome (which takes no `platformRefund`: INVALID_INPUT), or nothing left to refund (a cancelled order, one refunded
 * in full). A default of 0 only because other cases' returns hold the order's money is refused AMOUNT_ABOVE_POLICY
 * naming the hold, as a given amount would be: decide once that return ends, or name the amount.
 */
function platformRefund(c: Case, order: Order, input: ResolveCaseInput, others?: OtherCases): Result<Money | null> {
  const field = ["input", "platformRefund"];
  const given = input.platformRefund ?? null;
  if (input.outcome !== "DECIDED_FOR_BUYER") {
    if (!given) return ok(null);
    return refuse(
      userError("INVALID_INPUT", text("refusal.case.platformRefundOutcome", { outcome: input.outcome }), field),
    );
  }
  const currency = order.buyerTotal.currency;
  const ownHold = openReturnOf(c.returns)?.id ?? null;
  const left = refundableMinor(order, ownHold);
  if (given) {
    const refusal = givenRefundRefusal(order, given, field);
    if (refusal) return refuse(refusal);
    const within = checkWithinPaid(order, given.amountMinor, field, ownHold);
    if (!within.ok) return within;
    return ok({ amountMinor: given.amountMinor, currency });
  }
  const amountMinor = Math.min(owedByDefault(c, left, others), left);
  if (amountMinor === 0) {
    // A default of 0 only because other cases' returns hold the order's money would resolve the case with nothing
    // refunded, and nothing would pay the buyer once the hold is released: refused as a given amount would be. A claim
    // the refunds already cover (on this case, or on the order's other cases about the delay) owes 0 whatever is
    // held, and is decided with nothing more refunded.
    const held = heldMinor(order, ownHold);
    const unheld = order.status === "CANCELLED" ? 0 : left + held;
    if (held > 0 && Math.min(owedByDefault(c, unheld, others), unheld) > 0) {
      const refusal = text("refusal.case.platformRefundHeld", { held: { amountMinor: held, currency } });
      return refuse(userError("AMOUNT_ABOVE_POLICY", refusal, field));
    }
  }
  return ok(amountMinor > 0 ? { amountMinor, currency } : null);
}

/**
 * What the decision refunds when the operator names no amount: what the buyer claimed less what was already given
 * back toward it (`refundedTowardClaim`: refunds, accepted money-back offers, returns refunded, the platform's refund;
 * the buyer is not paid twice for the same claim): on this case and, for a case about the order's delay, on the
 * order's other cases about it (the late-shipment incident's refund for the delay, or a partial refund the buyer
 * accepted there, is what the buyer's not-shipped claim asked); with no claim, the refund this case's open
 * return agreed (the buyer accepted that amount for the goods sent back); with neither, everything left. Once the
 * open return's goods are on their way back or received (SHIPPED_BACK, RECEIVED), the buyer gave them up: the default
 * is then at least what the return agreed for them, its refund, or for an exchange never shipped, everything left
 * (the buyer has neither the goods nor their replacement). Otherwise a seller past `settleBy` would keep the goods
 * and all but the claim.
 */
function owedByDefault(c: Case, left: number, others: OtherCases | undefined): number {
  const open = openReturnOf(c.returns);
  const agreed = open?.refund?.amountMinor ?? null;
  const givenUp = open && GOODS_GIVEN_UP.includes(open.status) ? (agreed ?? left) : 0;
  if (c.claimAmount && c.claimAmount.amountMinor > 0)
    return Math.max(0, c.claimAmount.amountMinor - refundedTowardClaim(c, others), givenUp);
  return agreed ?? left;
}

/** The open return's states in which the buyer no longer has the goods: sent back, or received by the seller. */
const GOODS_GIVEN_UP: readonly ReturnStatus[] = ["SHIPPED_BACK", "RECEIVED"];

export function close(args: CaseVerbArgs<CloseCaseInput>): Result<Change> {
  const { case: c, now } = args;
  const status = checkOpening(args, "CLOSE");
  if (!status.ok) return status;
  const after = next(c, now, { status: status.value, closedAt: now });
  return ok(changeOf(c, after, "CLOSED", "PLATFORM", now, timelineText("timeline.closed", {})));
}

/**
 * Whether the case ended in the buyer's favour in a form that concedes the complaint: money back (a refund, a return
 * refunded, an accepted offer of money on the order), the goods replaced or exchanged, or the platform deciding for
 * the buyer. The guide answers a quality complaint with a refund or an exchange (退款、换货), however the seller
 * records it; an accepted coupon, gift or free shipping is a goodwill gesture and concedes nothing
 * (`MONEY_BACK_OFFER_KINDS`). A case settled by such a gesture, or withdrawn by the buyer, was still conceded when the
 * case gave money back or replaced the goods on the way (`concededOnCase`): otherwise a seller would refund in full,
 * then close the dispute with a one-cent coupon (or ask the buyer to withdraw it) and keep it off its deposit's
 * record. A decision for the seller is the platform's word that the complaint was not founded: not for the buyer.
 */
export function resolvedForBuyer(c: Pick<Case, "outcome"> & GivenBackRecords): boolean {
  switch (c.outcome) {
    case "REFUNDED":
    case "RETURNED_AND_REFUNDED":
    case "REPLACED":
    case "DECIDED_FOR_BUYER":
      return true;
    case "COMPENSATION_ACCEPTED":
      // Accepting an offer that is not a return resolves the case: the accepted one of those is what settled it.
      return c.offers.some((o) => o.status === "ACCEPTED" && givesMoneyBack(o.kind)) || concededOnCase(c);
    case "BUYER_WITHDREW":
      return concededOnCase(c);
    case "DECIDED_FOR_SELLER":
    // The seller's own late-shipment incident, closed once the order shipped: no buyer complaint was conceded.
    case "SHIPPED":
    // The same incident, ended by the order's cancellation: nothing the buyer complained of was conceded on the case.
    case "ORDER_CANCELLED":
    case null:
      return false;
    default:
      return assertNever(c.outcome);
  }
}

/**
 * Whether the case gave the buyer money back (`givenBackOnCase`: a refund recorded, a money-back offer accepted, a
 * return refunded, the platform's refund) or replaced the goods (a replacement or a resend recorded, an exchange's
 * replacement shipped): what concedes a complaint, whatever ended the case afterwards.
 */
/** Remedies that give money back or replace the goods, whether or not they carry an amount. */
const CONCEDING_REMEDIES: readonly RemedyKind[] = [...REFUND_REMEDIES, ...SELLER_OUTCOME_REMEDIES.REPLACED];

function concededOnCase(c: GivenBackRecords): boolean {
  return (
    givenBackOnCase(c) > 0 ||
    // By kind as well: a refund remedy stored without its amount (before remedies kept one) still gave money back.
    c.remedies.some((r) => CONCEDING_REMEDIES.includes(r.kind)) ||
    // Shipping an exchange's replacement resolves the case REPLACED today; kept so the rule holds on its own.
    c.returns.some((r) => r.status === "REPLACEMENT_SHIPPED")
  );
}
