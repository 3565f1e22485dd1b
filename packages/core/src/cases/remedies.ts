import { text } from "../i18n/texts";
import { checkWithinPaid, refundableMinor } from "../compensation";
import { ok, refuse, userError, type Result } from "../errors";
import { addMinor, type Money } from "../money";
import { moneyBack, type Order } from "../orders";
import {
  changeOf,
  checkOpening,
  next,
  sellerAnswered,
  type CaseVerbArgs,
  type CreatesArgs,
  timelineText,
} from "./change";
import type { RecordRemedyInput } from "./inputs";
import { atCap } from "./limits";
import { nextUnanswered } from "./machine";
import { REFUND_REMEDIES, REMEDIES_NOT_TO_BUYER, type Change, type Remedy } from "./shapes";

/**
 * A remedy the seller gave. Refunds move the order's refunded total, never past what the buyer
 * paid across all the order's cases; a full refund refunds whatever is left. A remedy addressed to the buyer is the
 * seller's answer; one that is not (`REMEDIES_NOT_TO_BUYER`) is only recorded: the case still awaits the seller's
 * answer by `respondBy`, and its risk and counters do not see a reply that the buyer never got.
 */
export function recordRemedy(args: CaseVerbArgs<RecordRemedyInput> & CreatesArgs): Result<Change> {
  const { case: c, order, input, now } = args;
  const status = checkOpening(args, "RECORD_REMEDY");
  if (!status.ok) return status;
  const full = atCap(c, "RECORD_REMEDY");
  if (full) return refuse(full);

  let amount: Money | null = null;
  let updatedOrder: Order | null = null;
  if (REFUND_REMEDIES.includes(input.kind)) {
    if (input.kind === "PARTIAL_REFUND" && !input.amount) {
      return refuse(userError("INVALID_INPUT", text("refusal.remedy.partialRefundAmount", {}), ["input", "amount"]));
    }
    const amountMinor = input.amount?.amountMinor ?? refundableMinor(order);
    if (input.amount && input.amount.currency !== order.buyerTotal.currency) {
      return refuse(
        userError(
          "CURRENCY_MISMATCH",
          text("refusal.currency.order", { what: "refund", currency: order.buyerTotal.currency }),
          ["input", "amount", "currency"],
        ),
      );
    }
    if (amountMinor <= 0) {
      return refuse(userError("AMOUNT_ABOVE_POLICY", text("refusal.remedy.nothingLeft", {}), ["input", "amount"]));
    }
    // A "full" refund of less than what is left would read as settled while money is still owed; an
    // amount is taken only as the caller's own statement of what is left, and must then agree.
    if (input.kind === "FULL_REFUND" && input.amount && amountMinor !== refundableMinor(order)) {
      if (refundableMinor(order) === 0)
        return refuse(userError("AMOUNT_ABOVE_POLICY", text("refusal.remedy.nothingLeft", {}), ["input", "amount"]));
      const left = { amountMinor: refundableMinor(order), currency: order.buyerTotal.currency };
      return refuse(userError("INVALID_INPUT", text("refusal.remedy.fullRefundAmount", { left }), ["input", "amount"]));
    }
    const within = checkWithinPaid(order, amountMinor, ["input", "amount"]);
    if (!within.ok) return within;
    amount = { amountMinor, currency: order.buyerTotal.currency };
    updatedOrder = moneyBack(order, now, { refundedMinor: addMinor(order.refundedMinor, amountMinor) });
  } else if (input.amount) {
    return refuse(
      userError("INVALID_INPUT", text("refusal.remedy.noAmount", { kind: input.kind }), ["input", "amount"]),
    );
  }
  if (input.kind === "PLATFORM_SUPPORT_TICKET" && !input.reference) {
    return refuse(userError("INVALID_INPUT", text("refusal.remedy.ticketReference", {}), ["input", "reference"]));
  }
  const remedy: Remedy = {
    id: args.id,
    kind: input.kind,
    amount,
    note: input.note ?? null,
    reference: input.reference ?? null,
    recordedAt: now,
  };
  const remedies = [...c.remedies, remedy];
  const after = REMEDIES_NOT_TO_BUYER.includes(input.kind)
    ? next(c, now, { status: nextUnanswered(c.status, "RECORD_REMEDY", status.value), remedies })
    : next(c, now, { status: status.value, remedies, ...sellerAnswered(c, now) });
  return ok(
    changeOf(
      c,
      after,
      "REMEDY_RECORDED",
      "SELLER",
      now,
      timelineText("timeline.remedyRecorded", { kind: input.kind, amount: amount ?? null }),
      updatedOrder,
    ),
  );
}
