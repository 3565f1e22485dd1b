import { text } from "../i18n/texts";
import { ok, refuse, userError, type Result } from "../errors";
import { voidedByDecision } from "../returns/verbs";
import { remainingMinor } from "../compensation";
import { changeOf, checkOpening, next, type CaseVerbArgs, type CreatesArgs, timelineText } from "./change";
import type { CloseCaseInput, EscalateCaseInput, ResolveCaseInput } from "./inputs";
import { refundCoversClaim, refundedOnCase, remedyBacks, SELLER_OUTCOME_REMEDIES, type SellerOutcome } from "./limits";
import { resolvingAction, type CaseOutcome } from "./machine";
import type { Change } from "./shapes";

/** Following the platform's process: escalation, resolution with an outcome, closing. */

/** Platform arbitration: a pending offer counts as declined. */
export function escalate(args: CaseVerbArgs<EscalateCaseInput>): Result<Change> {
  const { case: c, input, now } = args;
  const status = checkOpening(args, "ESCALATE");
  if (!status.ok) return status;
  const offers = c.offers.map((o) =>
    o.status === "PENDING" ? { ...o, status: "DECLINED" as const, answeredAt: now } : o,
  );
  const after = next(c, now, { status: status.value, escalatedAt: now, offers });
  // The buyer's note is the entry's body, not a figure of its line: bodies are redacted (packages/db/src/retention.ts).
  return ok(
    changeOf(c, after, "ESCALATED", "BUYER", now, timelineText("timeline.escalated", {}), null, input.note || null),
  );
}

/**
 * Resolution: the outcome says who may resolve (the seller settles, the buyer withdraws, the platform decides).
 * The order is read for what is left to refund on it, which a seller's refund outcome may need.
 */
export function resolve(args: CaseVerbArgs<ResolveCaseInput> & Pick<CreatesArgs, "order">): Result<Change> {
  const { case: c, order, input, now } = args;
  const viaOffer =
    input.outcome === "COMPENSATION_ACCEPTED"
      ? userError("INVALID_INPUT", text("refusal.case.outcomeViaOffer", {}), ["input", "outcome"])
      : null;
  const action = resolvingAction(input.outcome);
  const status = checkOpening(args, action, viaOffer);
  if (!status.ok) return status;
  if (action === "RESOLVE_BY_SELLER" && input.outcome in SELLER_OUTCOME_REMEDIES) {
    const outcome = input.outcome as SellerOutcome;
    if (!remedyBacks(c, outcome)) {
      const kinds = [...SELLER_OUTCOME_REMEDIES[outcome]];
      return refuse(
        userError("INVALID_TRANSITION", text("refusal.case.outcomeWithoutRemedy", { outcome, kinds }), [
          "input",
          "outcome",
        ]),
      );
    }
    if (!refundCoversClaim(c, order, outcome)) {
      const money = (amountMinor: number) => ({ amountMinor, currency: order.buyerTotal.currency });
      return refuse(
        userError(
          "INVALID_TRANSITION",
          text("refusal.case.refundShortOfClaim", {
            outcome,
            refunded: money(refundedOnCase(c)),
            claimed: c.claimAmount,
            left: money(remainingMinor(order)),
          }),
          ["input", "outcome"],
        ),
      );
    }
  }
  const actor = action === "RESOLVE_BY_SELLER" ? "SELLER" : action === "WITHDRAW_BY_BUYER" ? "BUYER" : "PLATFORM";
  const offers = c.offers.map((o) =>
    o.status === "PENDING" ? { ...o, status: "WITHDRAWN" as const, answeredAt: now } : o,
  );
  // Deciding the escalated case ends an open return with it (the return table's VOID).
  const returns = action === "DECIDE" ? voidedByDecision(c, now) : c.returns;
  const returnCancelled = returns.some((r, i) => r.status !== c.returns[i]!.status);
  const after = next(c, now, { status: status.value, outcome: input.outcome, resolvedAt: now, offers, returns });
  return ok(
    changeOf(
      c,
      after,
      "RESOLVED",
      actor,
      now,
      timelineText("timeline.resolved", { outcome: input.outcome, returnCancelled }),
      null,
      // The note is the entry's body, redacted like a message's, never a figure of its line.
      input.note || null,
    ),
  );
}

export function close(args: CaseVerbArgs<CloseCaseInput>): Result<Change> {
  const { case: c, now } = args;
  const status = checkOpening(args, "CLOSE");
  if (!status.ok) return status;
  const after = next(c, now, { status: status.value, closedAt: now });
  return ok(changeOf(c, after, "CLOSED", "PLATFORM", now, timelineText("timeline.closed", {})));
}

/** Whether the outcome gave the buyer money back or the platform decided for the buyer. */
export function resolvedForBuyer(outcome: CaseOutcome | null): boolean {
  return outcome === "REFUNDED" || outcome === "RETURNED_AND_REFUNDED" || outcome === "DECIDED_FOR_BUYER";
}
