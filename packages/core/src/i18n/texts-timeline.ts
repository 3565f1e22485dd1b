import type { ActorRole, CaseOutcome } from "../cases/machine";
import type { CaseReason, RemedyKind } from "../cases/shapes";
import type { EvidenceKind, EvidenceSide } from "../cases/evidence-shape";
import type { OfferKind, ReturnOfferKind } from "../compensation";
import type { Money } from "../money";
import type { Instant } from "../time";

/**
 * The case timeline (core/src/cases, core/src/returns): one sentence per entry, stored with the
 * entry as its key and figures (`CaseEvent.said`) and written when read, in the reader's language
 * and the seller's time zone. Figures are the ones the case holds next to it (the offer's amount
 * and `expiresAt`, the return's deadlines). Never the people's own words: a note given with an escalation, a
 * resolution or a return's cancellation is the entry's `body`, redacted with the message bodies.
 */
export interface TimelineTextParams {
  "timeline.openedLateShipment": { marketplaceOrderId: string; shipBy: Instant };
  "timeline.opened": { side: ActorRole; reason: CaseReason };
  "timeline.message": { side: ActorRole };
  "timeline.offerMade": { kind: OfferKind; amount: Money; expiresAt: Instant };
  "timeline.offerDeclined": { kind: OfferKind };
  "timeline.offerAccepted": { kind: OfferKind };
  /** An accepted offer that leaves the case open: the late-shipment incident of an order not shipped yet. */
  "timeline.offerAcceptedCaseOpen": { kind: OfferKind };
  "timeline.returnOfferAccepted": { kind: ReturnOfferKind; shipBackBy: Instant };
  "timeline.offerWithdrawn": { kind: OfferKind };
  "timeline.offerExpired": { kind: OfferKind };
  "timeline.responseOverdue": { respondBy: Instant };
  "timeline.remedyRecorded": { kind: RemedyKind; amount: Money | null };
  /**
   * `offerDeclined`: the kind of the offer still pending, which the escalation declined (absent on entries written
   * before the line named it).
   */
  "timeline.escalated": { offerDeclined?: OfferKind | null };
  /**
   * `offerWithdrawn`: the kind of the offer still pending, which resolving withdrew (absent on entries written before
   * the line named it).
   */
  "timeline.resolved": {
    outcome: CaseOutcome;
    returnCancelled: boolean;
    offerWithdrawn?: OfferKind | null;
    /** What the platform's decision for the buyer refunded it on the order. */
    platformRefund?: Money | null;
  };
  "timeline.closed": Record<string, never>;
  "timeline.evidenceSubmitted": { side: EvidenceSide; kind: EvidenceKind };
  "timeline.returnShippedBack": { carrier: string; trackingNumber: string; receiveBy: Instant };
  "timeline.returnReceived": { kind: ReturnOfferKind; settleBy: Instant };
  "timeline.returnRefunded": { amount: Money | null };
  "timeline.replacementShipped": { carrier: string; trackingNumber: string };
  "timeline.returnCancelled": Record<string, never>;
  "timeline.returnExpired": { shipBackBy: Instant };
  /** `step`: the seller's missed step, confirming receipt (by `receiveBy`) or settling (by `settleBy`). */
  "timeline.returnOverdue": { step: "RECEIVE" | "SETTLE"; by: Instant };
}
