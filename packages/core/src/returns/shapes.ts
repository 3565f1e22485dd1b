import * as z from "zod/mini";
import { StoredMoney } from "../money";
import { addMs, toMs, type Instant } from "../time";
import {
  DEADLINE_OF,
  defaultReturnRules,
  isOpenReturn,
  RETURN_KINDS,
  RETURN_STATUSES,
  type ReturnKind,
  type ReturnRules,
  type ReturnStatus,
} from "./machine";

/**
 * A return: the goods going back to the seller after the buyer accepted a return offer, and the
 * refund or the replacement that answers them (the seller guide's 退货退款 and 换货). It lives in
 * its case's item (`Case.returns`): a case has at most one open return at a time (no offer can be
 * made while one is open) and at most `CASE_LIMITS.returns` in all, so the item stays small, and
 * every move of a return is one versioned write of the case with its timeline event. The
 * case-deadline job finds due returns through the case's `nextDeadlineAt` (its index), never a Scan.
 */

/** A parcel with its carrier and tracking number: the buyer's return, or the seller's replacement. */
export const Shipment = z.lazy(() =>
  z.object({ carrier: z.string(), trackingNumber: z.string(), shippedAt: z.string() }),
);
export type Shipment = z.infer<typeof Shipment>;

export const Info = z.lazy(() =>
  z.object({
    /** The id of the offer that started it: one return per accepted offer. */
    id: z.string(),
    kind: z.enum(RETURN_KINDS),
    status: z.enum(RETURN_STATUSES),
    /** REFUND_WITH_RETURN: what is refunded on receipt, in the order currency; null for an exchange. */
    refund: z.nullable(StoredMoney),
    authorisedAt: z.string(),
    /** The buyer ships the goods back by then. */
    shipBackBy: z.string(),
    returnShipment: z.nullable(Shipment),
    /** The seller confirms receipt by then (set when the buyer ships). */
    receiveBy: z.nullable(z.string()),
    receivedAt: z.nullable(z.string()),
    /** The seller refunds or ships the replacement by then (set on receipt). */
    settleBy: z.nullable(z.string()),
    refundedAt: z.nullable(z.string()),
    replacementShipment: z.nullable(Shipment),
    /** When it ended CANCELLED or EXPIRED. */
    endedAt: z.nullable(z.string()),
    /** When the seller was found past `receiveBy` (once): by the case-deadline job, or by its own late receipt. */
    receiptOverdueAt: z.nullable(z.string()),
    /** When the seller was found past `settleBy` (once): by the case-deadline job, or by its own late settlement. */
    settlementOverdueAt: z.nullable(z.string()),
  }),
);
export type Return = z.infer<typeof Info>;

/** A return just authorised by the buyer's acceptance of the offer. */
export function authorise(args: {
  offer: { id: string; kind: ReturnKind; amount: { amountMinor: number; currency: string } };
  now: Instant;
  rules?: ReturnRules;
}): Return {
  const rules = args.rules ?? defaultReturnRules;
  return {
    id: args.offer.id,
    kind: args.offer.kind,
    status: "AUTHORISED",
    refund: args.offer.kind === "REFUND_WITH_RETURN" ? { ...args.offer.amount } : null,
    authorisedAt: args.now,
    shipBackBy: addMs(args.now, rules.shipBackWithinMs),
    returnShipment: null,
    receiveBy: null,
    receivedAt: null,
    settleBy: null,
    refundedAt: null,
    replacementShipment: null,
    endedAt: null,
    receiptOverdueAt: null,
    settlementOverdueAt: null,
  };
}

/** The deadline of the step owed now (shipBackBy, receiveBy or settleBy); null once the return has ended. */
export function deadlineOf(r: Return): Instant | null {
  switch (DEADLINE_OF[r.status]) {
    case "shipBackBy":
      return r.shipBackBy;
    case "receiveBy":
      return r.receiveBy;
    case "settleBy":
      return r.settleBy;
    case null:
      return null;
  }
}

/** The instant the deadline job looks at the return next: its deadline, until the job has acted on it. */
export function dueAt(r: Return): Instant | null {
  const flagged =
    (r.status === "SHIPPED_BACK" && r.receiptOverdueAt) || (r.status === "RECEIVED" && r.settlementOverdueAt);
  return flagged ? null : deadlineOf(r);
}

/** Whether the instant is past the return's current deadline and the job has not acted on it yet. */
export function isDue(r: Return, now: Instant): boolean {
  const due = dueAt(r);
  return due !== null && toMs(now) > toMs(due);
}

/**
 * The return with the seller's missed deadline on record when the seller takes its step (receipt, refund,
 * replacement) after it and nothing recorded it yet. Whether a deadline was missed must not depend on whether the
 * case-deadline job ran in between: it runs every few minutes, and not at all while it fails.
 */
export function withMissedDeadline(r: Return, now: Instant): Return {
  if (!isDue(r, now)) return r;
  if (r.status === "SHIPPED_BACK") return { ...r, receiptOverdueAt: now };
  if (r.status === "RECEIVED") return { ...r, settlementOverdueAt: now };
  return r;
}

/** The open return of a list (at most one), or undefined. */
export function openReturnOf(returns: readonly Return[]): Return | undefined {
  return returns.find((r) => isOpenReturn(r.status));
}

/** The return after a move: the fields each new state sets, from the rules. */
export function moved(args: {
  return: Return;
  to: ReturnStatus;
  now: Instant;
  shipment?: { carrier: string; trackingNumber: string } | null;
  rules?: ReturnRules;
}): Return {
  const rules = args.rules ?? defaultReturnRules;
  const r = args.return;
  const shipment = args.shipment ? { ...args.shipment, shippedAt: args.now } : null;
  switch (args.to) {
    case "AUTHORISED":
      return r;
    case "SHIPPED_BACK":
      if (r.status === "SHIPPED_BACK") return { ...r, receiptOverdueAt: args.now };
      return {
        ...r,
        status: "SHIPPED_BACK",
        returnShipment: shipment,
        receiveBy: addMs(args.now, rules.receiveWithinMs),
      };
    case "RECEIVED":
      if (r.status === "RECEIVED") return { ...r, settlementOverdueAt: args.now };
      return { ...r, status: "RECEIVED", receivedAt: args.now, settleBy: addMs(args.now, rules.settleWithinMs) };
    case "REFUNDED":
      return { ...r, status: "REFUNDED", refundedAt: args.now };
    case "REPLACEMENT_SHIPPED":
      return { ...r, status: "REPLACEMENT_SHIPPED", replacementShipment: shipment };
    case "CANCELLED":
    case "EXPIRED":
      return { ...r, status: args.to, endedAt: args.now };
  }
}
