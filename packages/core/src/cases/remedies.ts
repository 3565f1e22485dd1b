import { text, type Text, type TextParams } from "../i18n/texts";
import { checkWithinPaid, heldMinor, refundableMinor, refusedOnCancelled } from "../compensation";
import { ok, refuse, userError, type Result, type UserError } from "../errors";
import { sameIdentifier } from "../inputs";
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
import { openReturnOf } from "../returns/shapes";
import { atCap, givenRefundRefusal, type OtherCases } from "./limits";
import { nextUnanswered } from "./machine";
import {
  REFUND_REMEDIES,
  REMEDIES_NOT_TO_BUYER,
  type AlreadyDone,
  type Case,
  type Change,
  type Remedy,
} from "./shapes";

/**
 * What `recordRemedy` and `resolve` also take: the order's other cases, read by the caller when the remedy is a refund
 * with a reference (a marketplace's refund id is unique on the marketplace, so one refund is on one case of one
 * order), or when a case about the delay is resolved (what was given back on the order's other cases about it counts
 * toward its claim: `refundedTowardClaim`). Absent, only the case itself is checked.
 */
export interface OrderCasesArgs {
  otherCasesOfOrder?: OtherCases;
}

/**
 * The refund already on record under the input's reference: on this case with the same kind and amount, it is the
 * same refund sent again (a retry under another idempotency key), answered as already done; anything else under
 * that reference (another kind or amount, or another case of the order) is refused DUPLICATE_REFUND naming it.
 * Null when the input is no refund with a reference, or the reference is new. A full refund, or a return's refund,
 * sent without an amount matches the one on record whatever its amount: what was left when it was recorded. References
 * are compared folded (`sameIdentifier`): one an earlier release stored as typed, `ＲＦ１２３`, is the `RF123` sent today.
 */
function refundOnRecord(
  c: Case,
  input: RecordRemedyInput,
  others: OrderCasesArgs["otherCasesOfOrder"],
): { alreadyDone: true } | { refusal: UserError } | null {
  const reference = input.reference;
  if (!reference || !REFUND_REMEDIES.includes(input.kind)) return null;
  const refundUnder = (on: Pick<Case, "remedies">) =>
    on.remedies.find(
      (r) => r.reference !== null && sameIdentifier(r.reference, reference) && REFUND_REMEDIES.includes(r.kind),
    ) ?? null;
  const here = refundUnder(c);
  if (here && here.kind === input.kind && sameAmount(here, input)) return { alreadyDone: true };
  const elsewhere = here ? null : ((others ?? []).find((o) => o.id !== c.id && refundUnder(o)) ?? null);
  const existing = here ?? (elsewhere && refundUnder(elsewhere));
  if (!existing) return null;
  const onRecord = { reference, remedyId: existing.id, kind: existing.kind, amount: existing.amount };
  return { refusal: duplicateRefund({ ...onRecord, caseId: elsewhere?.id ?? null }) };
}

/**
 * DUPLICATE_REFUND for a refund reference already on record as remedy `remedyId`: on this case (`caseId` null) or
 * on another case of the order (its id).
 */
export function duplicateRefund(onRecord: TextParams["refusal.remedy.duplicateRefund"]): UserError {
  return userError("DUPLICATE_REFUND", text("refusal.remedy.duplicateRefund", onRecord), ["input", "reference"]);
}

/**
 * The refunds with a reference that a change records (on `after`, not on `before`): each takes the order's one
 * guard for its reference in the change's transaction, so a reference is recorded once per order even when the
 * order's other cases are read from an index that lags, or two cases record it at once.
 */
export function newRefundReferences(before: Pick<Case, "remedies">, after: Pick<Case, "remedies">): Remedy[] {
  const known = new Set(before.remedies.map((r) => r.id));
  return after.remedies.filter((r) => r.reference && REFUND_REMEDIES.includes(r.kind) && !known.has(r.id));
}

/**
 * A refund while the case's return is still open (the buyer's case escalated during it, where remedies are taken):
 * the return is how the money goes back (refundReturn, its offered amount, once the goods are received) or the new
 * item comes (an exchange). A refund beside it would pay the buyer twice, or use up what the return is to refund and
 * leave it stuck until the job flags the seller. Remedies that move no money (an apology, a ticket) are still taken.
 */
function openReturnRefusal(c: Case, input: RecordRemedyInput): UserError | null {
  const open = openReturnOf(c.returns);
  if (!open || !REFUND_REMEDIES.includes(input.kind)) return null;
  const said = text("refusal.remedy.openReturn", { kind: input.kind, returnKind: open.kind, status: open.status });
  return userError("INVALID_TRANSITION", said, ["input", "kind"]);
}

/** Whether the input asks the amount of the refund on record (an input without one: all that was left). */
function sameAmount(recorded: Remedy, input: RecordRemedyInput): boolean {
  if (!input.amount) return input.kind !== "PARTIAL_REFUND";
  return (
    recorded.amount?.amountMinor === input.amount.amountMinor && recorded.amount.currency === input.amount.currency
  );
}

/** Nothing left to refund on the order: said as held when an open return's hold is what took the rest. */
function nothingLeft(order: Order): Text {
  const held = heldMinor(order);
  if (held === 0) return text("refusal.remedy.nothingLeft", {});
  const money = (amountMinor: number) => ({ amountMinor, currency: order.buyerTotal.currency });
  return text("refusal.compensation.heldForReturns", { held: money(held), left: money(0) });
}

/**
 * A remedy the seller gave. Refunds move the order's refunded total, never past what the buyer
 * paid across all the order's cases; a full refund refunds whatever is left. On a CANCELLED order no refund is taken:
 * the cancellation refunded the buyer (`Compensation.refusedOnCancelled`). A remedy addressed to the buyer is the
 * seller's answer; one that is not (`REMEDIES_NOT_TO_BUYER`) is only recorded: the case still awaits the seller's
 * answer by `respondBy`, and its risk and counters do not see a reply that the buyer never got.
 *
 * A refund's reference is the marketplace's refund id: one refund. Sent again on the case with the same kind and
 * amount (a retry under another idempotency key), it is answered as already recorded and nothing is written;
 * under another kind or amount, or on another case of the order, it is refused DUPLICATE_REFUND. Remedies are
 * never withdrawn, so a refund recorded twice could never be put right.
 */
export function recordRemedy(
  args: CaseVerbArgs<RecordRemedyInput> & CreatesArgs & OrderCasesArgs,
): Result<Change | AlreadyDone> {
  const { case: c, order, input, now } = args;
  const status = checkOpening(args, "RECORD_REMEDY");
  if (!status.ok) return status;
  // Before the cap and the money: a refund sent again is answered as recorded even once nothing is left to refund.
  const onRecord = refundOnRecord(c, input, args.otherCasesOfOrder);
  if (onRecord && "refusal" in onRecord) return refuse(onRecord.refusal);
  if (onRecord) return ok({ case: c, event: null, order: null, alreadyDone: true });
  const returning = openReturnRefusal(c, input);
  if (returning) return refuse(returning);
  const full = atCap(c, "RECORD_REMEDY", args.roles);
  if (full) return refuse(full);

  let amount: Money | null = null;
  let updatedOrder: Order | null = null;
  if (REFUND_REMEDIES.includes(input.kind)) {
    // The cancellation refunded the buyer already (nothing is refundable): a refund on record would pay it twice.
    const cancelled = refusedOnCancelled(order, ["input", "kind"]);
    if (cancelled) return refuse(cancelled);
    if (input.kind === "PARTIAL_REFUND" && !input.amount) {
      return refuse(userError("INVALID_INPUT", text("refusal.remedy.partialRefundAmount", {}), ["input", "amount"]));
    }
    const amountMinor = input.amount?.amountMinor ?? refundableMinor(order);
    // An amount of 0 is the caller's mistake; without an amount, 0 is all that is left.
    const given = input.amount ? givenRefundRefusal(order, input.amount, ["input", "amount"]) : null;
    if (given) return refuse(given);
    if (amountMinor <= 0) {
      return refuse(userError("AMOUNT_ABOVE_POLICY", nothingLeft(order), ["input", "amount"]));
    }
    // A "full" refund of less than what is left would read as settled while money is still owed; an
    // amount is taken only as the caller's own statement of what is left, and must then agree.
    if (input.kind === "FULL_REFUND" && input.amount && amountMinor !== refundableMinor(order)) {
      if (refundableMinor(order) === 0)
        return refuse(userError("AMOUNT_ABOVE_POLICY", nothingLeft(order), ["input", "amount"]));
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
