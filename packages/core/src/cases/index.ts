import { z } from "zod";
import { addMs, DAY_MS, type Instant } from "../time";

/**
 * A case: a buyer dispute or a late-shipment incident, with its timeline. This is the minimal
 * case the late-order job opens; the dispute lifecycle builds on it.
 */
export const CASE_REASONS = [
  "NOT_RECEIVED",
  "NOT_AS_DESCRIBED",
  "QUALITY_ISSUE",
  "DAMAGED",
  "WRONG_ITEM",
  "NOT_SHIPPED",
  "LATE_SHIPMENT",
  "OTHER",
] as const;
export type CaseReason = (typeof CASE_REASONS)[number];

export const CASE_SOURCES = ["BUYER", "SYSTEM"] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const CASE_STATUSES = ["AWAITING_SELLER", "AWAITING_BUYER", "OFFER_PENDING", "ESCALATED", "RESOLVED", "CLOSED"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const Info = z.object({
  id: z.string(),
  sellerId: z.string(),
  orderId: z.string(),
  reason: z.enum(CASE_REASONS),
  source: z.enum(CASE_SOURCES),
  status: z.enum(CASE_STATUSES),
  openedAt: z.string(),
  /** The seller must answer by then; it drives case risk and the case-deadline job. */
  respondBy: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Case = z.infer<typeof Info>;

export const EVENT_TYPES = ["OPENED"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** One entry of a case's append-only timeline. */
export const TimelineEvent = z.object({
  caseId: z.string(),
  eventId: z.string(),
  type: z.enum(EVENT_TYPES),
  at: z.string(),
  actor: z.enum(["SELLER", "BUYER", "PLATFORM", "SYSTEM"]),
  summary: z.string(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export interface CaseRules {
  /** How long the seller has to answer, per reason. */
  respondWithinMs: Record<CaseReason, number>;
}

export const defaultCaseRules: CaseRules = {
  respondWithinMs: Object.fromEntries(CASE_REASONS.map((r) => [r, 5 * DAY_MS])) as Record<CaseReason, number>,
};

/** A late order has exactly one late-shipment case: its id is derived from the order's. */
export function lateShipmentCaseId(orderId: string): string {
  return `late-${orderId}`;
}

/** The late-shipment incident case the late-order job opens for an order that passed `shipBy`. */
export function openLateShipmentCase(
  order: { id: string; sellerId: string; shipBy: string; marketplaceOrderId: string },
  now: Instant,
  rules: CaseRules = defaultCaseRules,
): { case: Case; event: TimelineEvent } {
  const id = lateShipmentCaseId(order.id);
  return {
    case: {
      id,
      sellerId: order.sellerId,
      orderId: order.id,
      reason: "LATE_SHIPMENT",
      source: "SYSTEM",
      status: "AWAITING_SELLER",
      openedAt: now,
      respondBy: addMs(now, rules.respondWithinMs.LATE_SHIPMENT),
      version: 1,
      createdAt: now,
      updatedAt: now,
    },
    event: {
      caseId: id,
      eventId: "0001-opened",
      type: "OPENED",
      at: now,
      actor: "SYSTEM",
      summary: `Order ${order.marketplaceOrderId} passed its ship-by deadline (${order.shipBy}) without shipping.`,
    },
  };
}
