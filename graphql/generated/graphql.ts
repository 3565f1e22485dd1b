/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO 3166-1 alpha-2 country code such as `US`, `DE` or `CN`. */
  CountryCode: { input: string; output: string; }
  /** An ISO 4217 currency code such as `USD`, `EUR` or `CNY`. */
  CurrencyCode: { input: string; output: string; }
  /** An instant in time, ISO 8601 in UTC, e.g. `2026-11-26T09:00:00.000Z`. Inputs may carry any offset; they are normalised to UTC. An input date must be a real calendar instant (no February 30, no hour 24) from 2000-01-01T00:00:00Z to 10 years (3,653 days) after the request is served; anything else is an `INVALID_INPUT` userError naming the field (`BAD_USER_INPUT` in a list filter). */
  DateTime: { input: string; output: string; }
  /** A JSON object, sent as it is (not as a string): an event's `payload`. */
  JSON: { input: Record<string, unknown>; output: Record<string, unknown>; }
  /** A whole number of a currency's minor units, from 0 to 2^53 − 1 (9007199254740991), sent and received as a JSON number. Every integer in that range is exact in a JSON number and in a JavaScript `number`, so clients read it without a decimal library; a larger value is refused with a `userError` naming the field, because a JSON parser may already have rounded it. Sums the server computes (counters, caps) that would leave this range are an `AMOUNT_OVERFLOW` error, never a rounded number; a deposit's sales progress alone is summed exactly and sent as at most 2^53 − 1, saying "more than" (`DepositRefundProgress.salesToDate`). */
  MinorUnits: { input: number; output: number; }
};

/** An API key as operators see it: never the secret, which is not stored. */
export type ApiKey = {
  __typename?: 'ApiKey';
  /** For a partner key: read-only or read-write. */
  access?: Maybe<KeyAccess>;
  /** For a marketplace key: whether it covers every seller (then `sellerIds` is empty). */
  allSellers?: Maybe<Scalars['Boolean']['output']>;
  /** When it was issued. */
  createdAt: Scalars['DateTime']['output'];
  /** The key's id (not the secret). */
  id: Scalars['ID']['output'];
  /** Who or what uses it. */
  label: Scalars['String']['output'];
  /** When it was revoked; null while it works. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Whom it acts as. */
  role: KeyRole;
  /** For a seller key: the seller. */
  sellerId?: Maybe<Scalars['ID']['output']>;
  /** For a partner key: the sellers it is granted. */
  sellerIds?: Maybe<Array<Scalars['ID']['output']>>;
};

/** A page of API keys. */
export type ApiKeyConnection = {
  __typename?: 'ApiKeyConnection';
  /** The keys on this page with their cursors. */
  edges: Array<ApiKeyEdge>;
  /** Where this page is in the list. */
  pageInfo: PageInfo;
};

/** An API key and the cursor that resumes the list after it. */
export type ApiKeyEdge = {
  __typename?: 'ApiKeyEdge';
  /** Opaque cursor; pass it as `after` to continue after this key. */
  cursor: Scalars['String']['output'];
  /** The key. */
  node: ApiKey;
};

/** A refund application. */
export type ApplyForDepositRefundInput = {
  /** The deposit. */
  depositId: Scalars['ID']['input'];
  /** The evidence, at most 20 documents; by default SALES_DATA and QUALITY_INSPECTION_REPORT are required, each a file of its own (a distinct checksum). */
  documents: Array<EvidenceDocumentInput>;
  /** Refuse with VERSION_CONFLICT unless the deposit is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

/** The answer to `applyForDepositRefund`. */
export type ApplyForDepositRefundPayload = {
  __typename?: 'ApplyForDepositRefundPayload';
  /** The new application; null when refused. */
  application?: Maybe<DepositRefundApplication>;
  /** The deposit after the change (REFUND_REQUESTED); null when refused. */
  deposit?: Maybe<Deposit>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A message template filled in for one order. */
export type BuyerMessage = {
  __typename?: 'BuyerMessage';
  /** BCP 47 language, e.g. `en`, `es`. */
  language: Scalars['String']['output'];
  /** The text. */
  text: Scalars['String']['output'];
};

/** An order to cancel. */
export type CancelOrderInput = {
  /** Refuse with `VERSION_CONFLICT` unless the order is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** More detail, at most 1000 characters. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** The order's id. */
  orderId: Scalars['ID']['input'];
  /** Why it is cancelled. */
  reason: CancelReason;
};

/** The answer to `cancelOrder`. */
export type CancelOrderPayload = {
  __typename?: 'CancelOrderPayload';
  /** The order after the change; null when refused. */
  order?: Maybe<Order>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** Why an order was cancelled, in the words of whoever recorded it. Whether it counts against the seller depends on who recorded it too (`CancelledBy`). */
export type CancelReason =
  /** The buyer asked to cancel. Does not count against the seller only when the platform records it (a marketplace key relaying the buyer's request made through the marketplace, or an operator); recorded by the seller's side it is kept as the seller's reason and counts. */
  | 'BUYER_REQUESTED'
  /** Another reason, explained in the note. */
  | 'OTHER'
  /** The item is out of stock. */
  | 'OUT_OF_STOCK'
  /** The order looks fraudulent. Does not count against the seller only when the platform records it (its own fraud check); recorded by the seller's side it counts. */
  | 'SUSPECTED_FRAUD'
  /** The seller cannot ship it (destination, carrier, customs). */
  | 'UNABLE_TO_SHIP';

/** The buyer gives up a return not shipped yet. */
export type CancelReturnInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** Refuse with VERSION_CONFLICT unless the case is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Why, at most 1000 characters: the timeline entry's `body`, redacted 365 days after it. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** The authorised return. */
  returnId: Scalars['ID']['input'];
};

/** The answer to `cancelReturn`. */
export type CancelReturnPayload = {
  __typename?: 'CancelReturnPayload';
  /** The case after the change, with its returns; null when refused. */
  case?: Maybe<Case>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** Who recorded an order's cancellation. */
export type CancelledBy =
  /** Cancelled before who recorded it was kept: counted by its reason alone, as then (every reason but BUYER_REQUESTED counts against the seller). */
  | 'NOT_RECORDED'
  /** The platform: a marketplace key (for a seller it serves) or an operator. Counts against the seller unless the reason is BUYER_REQUESTED or SUSPECTED_FRAUD. */
  | 'PLATFORM'
  /** The seller's side: the seller's own key or a partner tool acting for it. Counts against the seller whatever the reason. */
  | 'SELLER';

/** A buyer dispute or a late-shipment incident, with its messages, remedies, offers and deadlines. */
export type Case = {
  __typename?: 'Case';
  /** What the caller may do now; the server accepts every listed action and refuses every other. Beyond the state machine this accounts for lists at their cap and for the pending offer: past its `expiresAt` it can no longer be answered or withdrawn (the case-deadline job then expires it and the case returns to the seller), and when refunds or compensation on the order's other cases leave less than the offer's amount it can no longer be accepted (`ACCEPT_OFFER` leaves the list): the buyer may decline it, the seller may withdraw it, and it expires at its `expiresAt` (at most 14 days) at the latest, so it never stays pending forever. Once it is past `expiresAt`, `MAKE_OFFER` is listed: the new offer records the lapsed one's expiry first, in the same change. */
  availableActions: Array<CaseAction>;
  /** What the buyer claims, in the order currency. On a claim about the order's delay (NOT_SHIPPED, NOT_RECEIVED, LATE_SHIPMENT) what was given back on the order's other cases about the delay (refunds, partial refunds and discounts the buyer accepted, the platform's refund), the late-shipment incident's included, counts toward it, as what was given back on the case does: the buyer is not paid twice for one delay. */
  claimAmount?: Maybe<Money>;
  /** When it was closed. */
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When it was escalated. */
  escalatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The evidence each side submitted, grouped by side (read with the case: no extra request). It moves no risk score (an escalated case is already CRITICAL, and a count of pieces says nothing of what they prove); `risk.recommendedActions` includes SUBMIT_EVIDENCE while the seller has none and the case is escalated or the buyer has submitted some. */
  evidence: CaseEvidenceBySide;
  /** The seller's first answer: a message, an offer, or a remedy addressed to the buyer (a PLATFORM_SUPPORT_TICKET or EXPEDITED_SHIPPING remedy answers nobody). */
  firstResponseAt?: Maybe<Scalars['DateTime']['output']>;
  /** The case's id. */
  id: Scalars['ID']['output'];
  /** When the buyer last wrote. */
  lastBuyerMessageAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the seller last answered. */
  lastSellerMessageAt?: Maybe<Scalars['DateTime']['output']>;
  /** Every compensation offer, oldest first. */
  offers: Array<CompensationOffer>;
  /** The return under way, if any (at most one at a time). */
  openReturn?: Maybe<CaseReturn>;
  /** When it was opened. */
  openedAt: Scalars['DateTime']['output'];
  /** The order (batched: a page of cases loads its orders in one read). */
  order?: Maybe<Order>;
  /** The order's id. */
  orderId: Scalars['ID']['output'];
  /** How it ended; null while open. */
  outcome?: Maybe<CaseOutcome>;
  /** The seller owes an answer (the case awaits the seller, or the buyer wrote while the offer was pending) and respondBy has passed, at the moment of reading. */
  overdue: Scalars['Boolean']['output'];
  /** The offer waiting for the buyer, if any: none once its `expiresAt` has passed. */
  pendingOffer?: Maybe<CompensationOffer>;
  /** What the platform refunded the buyer out of the order's money when it decided the case for the buyer (DECIDED_FOR_BUYER: the operator's `platformRefund`, or by default the buyer's claimAmount less what was given back on the case (on a buyer's claim about the order's delay, reason NOT_SHIPPED, NOT_RECEIVED or LATE_SHIPMENT, what was given back on the order's other cases about the delay counts too (refunds, partial refunds and discounts the buyer accepted, returns refunded, the platform's refund), the late-shipment incident's included), else the refund of the case's open return, else all that was refundable, and at least the open return's refund once its goods were shipped back or received (an exchange never shipped: all that was refundable), capped at what was refundable); it counts in the order's `refunded`. Null on any other outcome, and when nothing was left to refund. */
  platformRefund?: Maybe<Money>;
  /** Why it was opened. */
  reason: CaseReason;
  /** Every remedy recorded, oldest first. */
  remedies: Array<CaseRemedy>;
  /** When it was resolved. */
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The seller must answer by then: 24 hours after the case opened for a LATE_SHIPMENT case, 5 days for every other reason. Restarts, by the same window, when the buyer writes after the seller answered (not while the case awaits the seller, nor while a message the buyer wrote during a pending offer is unanswered), and from a lapsed offer's `expiresAt`. A LATE_SHIPMENT case opened while the window was 5 days keeps the deadline it was given. */
  respondBy: Scalars['DateTime']['output'];
  /** Seconds left to respondBy while the seller owes an answer (the case awaits the seller, or the buyer wrote while the offer was pending), rounded down (negative from the first instant past it, as `overdue` is); null otherwise. */
  respondTimeLeftSeconds?: Maybe<Scalars['Int']['output']>;
  /** When the case-deadline job saw respondBy pass without an answer; cleared by the seller's answer. */
  responseOverdueAt?: Maybe<Scalars['DateTime']['output']>;
  /** Every return, oldest first (at most 5): started by accepting a REFUND_WITH_RETURN or REPLACEMENT_WITH_RETURN offer. */
  returns: Array<CaseReturn>;
  /** How likely the case escalates to the platform, with the reasons. */
  risk: RiskAssessment;
  /** The seller the case is about. */
  sellerId: Scalars['ID']['output'];
  /** Who opened it. */
  source: CaseSource;
  /** Where it is in its lifecycle. A case whose pending offer is past its `expiresAt` reads AWAITING_SELLER, with the offer EXPIRED and `respondBy` counted from `expiresAt`, as the case-deadline job leaves it, before the job (every minute) has recorded it; until then the `cases` status filter and the seller's overview still count it as OFFER_PENDING. */
  status: CaseStatus;
  /** Messages, remedies, offers and status changes: append-only, newest first. */
  timeline: CaseEventConnection;
  /** Buyer messages since the seller last answered. */
  unansweredBuyerMessages: Scalars['Int']['output'];
  /** When the case last changed (its status, messages, remedies or offers); what `updatedSince` compares. */
  updatedAt: Scalars['DateTime']['output'];
  /** Increases by one with every change; pass it as expectedVersion to refuse racing updates. */
  version: Scalars['Int']['output'];
};


/** A buyer dispute or a late-shipment incident, with its messages, remedies, offers and deadlines. */
export type CaseTimelineArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Something the caller may do on a case now; the server refuses exactly what is not listed. */
export type CaseAction =
  /** Accept the pending offer for the buyer (marketplace keys). */
  | 'ACCEPT_OFFER'
  /** Accept the pending return offer for the buyer (marketplace keys): a return starts; listed instead of ACCEPT_OFFER when the pending offer is REFUND_WITH_RETURN or REPLACEMENT_WITH_RETURN. */
  | 'ACCEPT_RETURN_OFFER'
  /** The buyer cancelled the return (taken through `cancelReturn`; never listed here: see `CaseReturn.availableActions`). */
  | 'CANCEL_RETURN'
  /** Close the resolved case for the platform (marketplace keys and operators). */
  | 'CLOSE'
  /** The seller refunded or replaced after receipt (taken through `refundReturn` or `shipReplacement`; never listed here). */
  | 'COMPLETE_RETURN'
  /** Decide the escalated case as the platform (operators only: never the marketplace key that escalated it); never listed on the late-shipment incident. */
  | 'DECIDE'
  /** Decline the pending offer for the buyer (marketplace keys). */
  | 'DECLINE_OFFER'
  /** Escalate to the platform for the buyer (marketplace keys); never listed on the late-shipment incident. */
  | 'ESCALATE'
  /** The seller missed a return deadline and the case was escalated (the case-deadline job only; never listed). */
  | 'ESCALATE_RETURN'
  /** Expire the pending offer (the case-deadline job only; never listed). */
  | 'EXPIRE_OFFER'
  /** The return lapsed unshipped (the case-deadline job only; never listed). */
  | 'LAPSE_RETURN'
  /** Make a compensation offer. */
  | 'MAKE_OFFER'
  /** Post a message as the buyer (marketplace keys). */
  | 'POST_BUYER_MESSAGE'
  /** Post a message as the marketplace (marketplace keys, operators). */
  | 'POST_PLATFORM_MESSAGE'
  /** Post a message as the seller. */
  | 'POST_SELLER_MESSAGE'
  /** Record a remedy. */
  | 'RECORD_REMEDY'
  /** Resolve as the seller with an outcome a recorded remedy backs: REFUNDED (a FULL_REFUND or PARTIAL_REFUND remedy), REPLACED (REPLACEMENT or RESEND; never on a buyer's case, which a replacement settles only through an exchange offer the buyer accepts) or RETURNED_AND_REFUNDED (RETURN_AND_REFUND); listed once one is recorded and, for the two refund outcomes on a buyer's case, once the money given back on the case covers the buyer's claimAmount (on a buyer's claim about the order's delay, reason NOT_SHIPPED, NOT_RECEIVED or LATE_SHIPMENT, what was given back on the order's other cases about the delay counts too (refunds, partial refunds and discounts the buyer accepted, returns refunded, the platform's refund), the late-shipment incident's included) (with no amount claimed: nothing left to refund on the order); REFUNDED also with no refund on the case once the order's whole payment was refunded on its other cases (nothing held for a return). On the late-shipment case (LATE_SHIPMENT, SYSTEM) also listed once SHIPPED is allowed: the order shipped with tracking and the remedy plan's steps other than the compensation are done, or ORDER_CANCELLED: the order is cancelled (also on an incident escalated before escalation was refused there). */
  | 'RESOLVE_BY_SELLER'
  /** Submit the buyer's evidence (marketplace keys) while the case is open and the buyer's side is below its cap. */
  | 'SUBMIT_BUYER_EVIDENCE'
  /** Submit the platform's evidence (marketplace keys, operators) while the case is open and the platform's side is below the caller's cap (3 for a marketplace key, 5 for an operator). */
  | 'SUBMIT_PLATFORM_EVIDENCE'
  /** Submit the seller's evidence (seller and read-write partner keys) while the case is open and the seller's side is below its cap. */
  | 'SUBMIT_SELLER_EVIDENCE'
  /** Withdraw the complaint for the buyer (marketplace keys); never listed on the late-shipment incident. */
  | 'WITHDRAW_BY_BUYER'
  /** Withdraw the pending offer. */
  | 'WITHDRAW_OFFER';

/** Who wrote a message or did something on a case. */
export type CaseActor =
  /** The buyer (relayed by a marketplace key). */
  | 'BUYER'
  /** An operator deciding an escalated case for the platform: a role in `ViewerAccess.caseActors`, never an event's actor (the decision is the PLATFORM's). */
  | 'OPERATOR'
  /** The marketplace. */
  | 'PLATFORM'
  /** The seller. */
  | 'SELLER'
  /** This service's jobs. */
  | 'SYSTEM';

/** A page of cases. */
export type CaseConnection = {
  __typename?: 'CaseConnection';
  /** The cases on this page with their cursors. */
  edges: Array<CaseEdge>;
  /** Where this page is in the list. */
  pageInfo: PageInfo;
};

/** A case and the cursor that resumes the list after it. */
export type CaseEdge = {
  __typename?: 'CaseEdge';
  /** Opaque cursor; pass it as `after` to continue after this case. */
  cursor: Scalars['String']['output'];
  /** The case. */
  node: Case;
};

/** One entry of a case's timeline. */
export type CaseEvent = {
  __typename?: 'CaseEvent';
  /** Who did it. */
  actor: CaseActor;
  /** When. */
  at: Scalars['DateTime']['output'];
  /** The people's own words: a MESSAGE's text (a buyer's claim included), the note given with ESCALATED, RESOLVED or RETURN_CANCELLED (never in `summary`). Null when none was given and once redacted, 365 days after the event. */
  body?: Maybe<Scalars['String']['output']>;
  /** The event's id, increasing along the timeline. */
  id: Scalars['ID']['output'];
  /** The case's status after this event. */
  statusAfter: CaseStatus;
  /** One line for people, in the reader's language, dates on the seller's clock (entries written before issue 21: English). */
  summary: Scalars['String']['output'];
  /** What happened. */
  type: CaseEventType;
};

/** A page of a case's timeline. */
export type CaseEventConnection = {
  __typename?: 'CaseEventConnection';
  /** The events on this page with their cursors. */
  edges: Array<CaseEventEdge>;
  /** Where this page is in the timeline. */
  pageInfo: PageInfo;
};

/** A timeline event and the cursor that resumes the timeline after it. */
export type CaseEventEdge = {
  __typename?: 'CaseEventEdge';
  /** Opaque cursor; pass it as `after` to continue after this event. */
  cursor: Scalars['String']['output'];
  /** The event. */
  node: CaseEvent;
};

/** What happened on a case. */
export type CaseEventType =
  /** The case was closed. */
  | 'CLOSED'
  /** The case was escalated. */
  | 'ESCALATED'
  /** A side submitted evidence (the summary names the side and the kind, never the reference). */
  | 'EVIDENCE_SUBMITTED'
  /** A message was posted. */
  | 'MESSAGE'
  /** An offer was accepted. */
  | 'OFFER_ACCEPTED'
  /** An offer was declined. */
  | 'OFFER_DECLINED'
  /** An offer expired. */
  | 'OFFER_EXPIRED'
  /** An offer was made. */
  | 'OFFER_MADE'
  /** An offer was withdrawn. */
  | 'OFFER_WITHDRAWN'
  /** The case was opened. */
  | 'OPENED'
  /** A remedy was recorded. */
  | 'REMEDY_RECORDED'
  /** The seller shipped the replacement of an exchange. */
  | 'REPLACEMENT_SHIPPED'
  /** The case was resolved. */
  | 'RESOLVED'
  /** respondBy passed without a seller answer. */
  | 'RESPONSE_OVERDUE'
  /** The buyer cancelled a return before shipping it. */
  | 'RETURN_CANCELLED'
  /** A return was not shipped back by its shipBackBy and lapsed (the case-deadline job). */
  | 'RETURN_EXPIRED'
  /** The seller missed a return's receiveBy or settleBy; the case was escalated (the case-deadline job). */
  | 'RETURN_OVERDUE'
  /** The seller confirmed the returned goods arrived. */
  | 'RETURN_RECEIVED'
  /** The seller refunded a received return. */
  | 'RETURN_REFUNDED'
  /** The buyer shipped a return back (carrier and tracking number in the summary and on the return). */
  | 'RETURN_SHIPPED_BACK';

/** One piece of evidence submitted to a case. */
export type CaseEvidence = {
  __typename?: 'CaseEvidence';
  /** What it shows, in the submitter's words; null when none was given or once redacted. */
  description?: Maybe<Scalars['String']['output']>;
  /** The piece's id. */
  id: Scalars['ID']['output'];
  /** What it is. */
  kind: EvidenceKind;
  /** When the retention job redacted the reference and the description; null while they are kept. */
  redactedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where the evidence lives: an https URL or an object key. Reads `[redacted]` once past its retention period (730 days after submission). */
  reference: Scalars['String']['output'];
  /** Whose evidence it is. */
  side: EvidenceSide;
  /** When it was submitted. */
  submittedAt: Scalars['DateTime']['output'];
  /** The credential that submitted it (an API key id, or `jwt:<subject>` for a signed-in seller): shown to operators and to that credential itself, null to everyone else. */
  submittedBy?: Maybe<Scalars['String']['output']>;
};

/** A case's evidence grouped by side, each list oldest first: what the platform weighs when it decides an escalated case. */
export type CaseEvidenceBySide = {
  __typename?: 'CaseEvidenceBySide';
  /** The buyer's evidence (at most 6). */
  buyer: Array<CaseEvidence>;
  /** The platform's evidence (at most 5: at most 3 from marketplace keys, the rest from operators). */
  platform: Array<CaseEvidence>;
  /** The seller's evidence (at most 6). */
  seller: Array<CaseEvidence>;
};

/** Narrows a list of cases; every given field must hold. */
export type CaseFilter = {
  /** `true`: only cases whose `respondBy` falls within the next 24 hours, from the request's instant, both ends included (a deadline passed is overdue, not due); `false`: only the others. With `owesAnswer: true`, the cases `SellerOverview.casesDueWithin24h` counts. A narrowing like `reason`: it keeps the order the other fields choose; with `status` and `true` it is read from the index's key range (nearest deadline first). The window moves with the clock: when the case a page ended on has passed its `respondBy` by the next page, its cursor reads on from the earliest case still due. */
  dueWithin24h?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only the cases of this order; the list is then the newest opened first, with `status` or `updatedSince` too (an order has a handful of cases: read them all to sort them otherwise). */
  orderId?: InputMaybe<Scalars['ID']['input']>;
  /** `true`: only cases on which the seller owes the buyer an answer by `respondBy` (status `AWAITING_SELLER`, or `OFFER_PENDING` with a buyer message since the offer: `unansweredBuyerMessages` above 0); `false`: only the others. With `status: OFFER_PENDING` and `true`, the cases `SellerOverview.casesAwaitingAnswerOnOffer` counts. A narrowing like `reason`: it keeps the order the other fields choose. */
  owesAnswer?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only cases with this reason. */
  reason?: InputMaybe<CaseReason>;
  /** Only cases from this source. */
  source?: InputMaybe<CaseSource>;
  /** Only cases in this status. */
  status?: InputMaybe<CaseStatus>;
  /** Only cases whose `updatedAt` is at or after this instant; the list is then in change order, the oldest change first (with `orderId`: the newest opened first). A change is listed under the instant its request started: to catch up, ask from a few minutes before the largest `updatedAt` you read and deduplicate by `id` and `version`. */
  updatedSince?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How a case ended. */
export type CaseOutcome =
  /** The buyer withdrew the complaint. */
  | 'BUYER_WITHDREW'
  /** The buyer accepted a compensation offer. */
  | 'COMPENSATION_ACCEPTED'
  /** The platform decided for the buyer. */
  | 'DECIDED_FOR_BUYER'
  /** The platform decided for the seller. */
  | 'DECIDED_FOR_SELLER'
  /** The late-shipment incident (reason LATE_SHIPMENT, source SYSTEM) ended with its order's cancellation: nothing is left to ship (the late-shipment rate counts the order all the same). `cancelOrder` resolves it so in its own transaction, or the seller does (`resolveCase`) once the order is cancelled. Never the outcome of a buyer's dispute, and not resolved for the buyer. */
  | 'ORDER_CANCELLED'
  /** The seller refunded the buyer. */
  | 'REFUNDED'
  /** The seller replaced or exchanged the item. */
  | 'REPLACED'
  /** The buyer returned the item and was refunded. */
  | 'RETURNED_AND_REFUNDED'
  /** The late-shipment incident (reason LATE_SHIPMENT, source SYSTEM) is settled by the seller: the order shipped with tracking and the remedy plan's required steps were done (the buyer contacted; for a system error, the platform support ticket first). Never the outcome of a buyer's dispute, and not resolved for the buyer. */
  | 'SHIPPED';

/** Why a case was opened. */
export type CaseReason =
  /** The item arrived damaged. */
  | 'DAMAGED'
  /** The order is past its deadline unshipped, or shipped after it (opened by the late-order job for late orders; openCase refuses it with INVALID_TRANSITION while the order is not late). */
  | 'LATE_SHIPMENT'
  /** The item differs from its description. */
  | 'NOT_AS_DESCRIBED'
  /** The buyer says the parcel never arrived. */
  | 'NOT_RECEIVED'
  /** The order was never shipped. */
  | 'NOT_SHIPPED'
  /** Another reason. */
  | 'OTHER'
  /** The item's quality is poor or it is faulty. */
  | 'QUALITY_ISSUE'
  /** Another item was sent. */
  | 'WRONG_ITEM';

/** A remedy the seller gave. */
export type CaseRemedy = {
  __typename?: 'CaseRemedy';
  /** The refund, for refund remedies. */
  amount?: Maybe<Money>;
  /** The remedy's id. */
  id: Scalars['ID']['output'];
  /** Which remedy. */
  kind: RemedyKind;
  /** The seller's note. */
  note?: Maybe<Scalars['String']['output']>;
  /** When it was recorded. */
  recordedAt: Scalars['DateTime']['output'];
  /** A reference such as the support ticket or the resend's tracking number. */
  reference?: Maybe<Scalars['String']['output']>;
};

/** A return: the goods going back to the seller after the buyer accepted a return offer, then the refund or the replacement. */
export type CaseReturn = {
  __typename?: 'CaseReturn';
  /** When the buyer accepted the offer. */
  authorisedAt: Scalars['DateTime']['output'];
  /** What the caller may do on this return now; the server accepts every listed move and refuses every other. */
  availableActions: Array<ReturnAction>;
  /** The deadline of the step owed now: shipBackBy while AUTHORISED (the buyer's), receiveBy while SHIPPED_BACK and settleBy while RECEIVED (the seller's); it stays after the case-deadline job flagged the seller past it; null once the return has ended (REFUNDED, REPLACEMENT_SHIPPED, CANCELLED or EXPIRED). */
  dueBy?: Maybe<Scalars['DateTime']['output']>;
  /** When it ended CANCELLED or EXPIRED. */
  endedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The return's id: the id of the offer that started it. */
  id: Scalars['ID']['output'];
  /** A return for a refund or an exchange. */
  kind: CompensationKind;
  /** The step owed now is past its deadline, at the moment of reading. */
  overdue: Scalars['Boolean']['output'];
  /** When the seller was found past receiveBy: by the case-deadline job, or when the seller confirmed receipt late before the job looked. */
  receiptOverdueAt?: Maybe<Scalars['DateTime']['output']>;
  /** The seller confirms receipt by then, or the case is escalated. */
  receiveBy?: Maybe<Scalars['DateTime']['output']>;
  /** When the seller confirmed receipt. */
  receivedAt?: Maybe<Scalars['DateTime']['output']>;
  /** For REFUND_WITH_RETURN: what is refunded on receipt, in the order currency; null for an exchange. */
  refund?: Maybe<Money>;
  /** When the seller refunded. */
  refundedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The replacement's parcel, with its tracking number. */
  replacementShipment?: Maybe<ReturnShipment>;
  /** The buyer's parcel back, with its tracking number. */
  returnShipment?: Maybe<ReturnShipment>;
  /** The seller refunds or ships the replacement by then, or the case is escalated. */
  settleBy?: Maybe<Scalars['DateTime']['output']>;
  /** When the seller was found past settleBy: by the case-deadline job, or when the seller refunded or replaced late before the job looked. */
  settlementOverdueAt?: Maybe<Scalars['DateTime']['output']>;
  /** The buyer ships the goods back by then, or the return lapses. */
  shipBackBy: Scalars['DateTime']['output'];
  /** Where the return is. */
  status: ReturnStatus;
};

/** Who opened a case. */
export type CaseSource =
  /** The buyer, relayed by a marketplace key. */
  | 'BUYER'
  /** The system: the late-order job, the seller's own tools, the marketplace or an operator. */
  | 'SYSTEM';

/** Where a case is in its lifecycle (see packages/core/src/cases/README.md for the full table). */
export type CaseStatus =
  /** The seller answered: waiting for the buyer. */
  | 'AWAITING_BUYER'
  /** Opened, or the buyer wrote: the seller must answer by respondBy. */
  | 'AWAITING_SELLER'
  /** Closed by the marketplace; nothing changes it any more. */
  | 'CLOSED'
  /** The platform arbitrates. */
  | 'ESCALATED'
  /** A compensation offer waits for the buyer's answer. */
  | 'OFFER_PENDING'
  /** Ended with an outcome. */
  | 'RESOLVED'
  /** The buyer accepted a return offer: the case waits for its return (see `Case.openReturn`) and ends with it. */
  | 'RETURN_IN_PROGRESS';

/** A case to close. */
export type CloseCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** Refuse with VERSION_CONFLICT unless the case is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

/** The answer to `closeCase`. */
export type CloseCasePayload = {
  __typename?: 'CloseCasePayload';
  /** The case after the change; null when refused. */
  case?: Maybe<Case>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A kind of compensation offered to a buyer. */
export type CompensationKind =
  /** A coupon for a next purchase. */
  | 'COUPON'
  /** A discount on this order. */
  | 'DISCOUNT'
  /** Shipping paid by the seller. */
  | 'FREE_SHIPPING'
  /** A small gift. */
  | 'GIFT'
  /** Part of the payment back. */
  | 'PARTIAL_REFUND'
  /** A return (退货退款): the buyer ships the goods back and gets the amount back once the seller has them (PayPal's REFUND_WITH_RETURN). Accepting it starts a return; the amount must fit in what is left to refund on the order (paid − refunded; goodwill such as coupons takes none of it) when offered, accepted and refunded. */
  | 'REFUND_WITH_RETURN'
  /** An exchange (换货): the buyer ships the goods back and gets a replacement once the seller has them. Accepting it starts a return; it moves no money (give no amount; its amount reads 0). */
  | 'REPLACEMENT_WITH_RETURN';

/** A compensation offer to the buyer. */
export type CompensationOffer = {
  __typename?: 'CompensationOffer';
  /** Its value in the order currency. */
  amount: Money;
  /** When the buyer answered, it was withdrawn or it expired; null on an offer read EXPIRED before the case-deadline job recorded it. */
  answeredAt?: Maybe<Scalars['DateTime']['output']>;
  /** It cannot be accepted after this. */
  expiresAt: Scalars['DateTime']['output'];
  /** The offer's id. */
  id: Scalars['ID']['output'];
  /** What is offered. */
  kind: CompensationKind;
  /** When it was made. */
  madeAt: Scalars['DateTime']['output'];
  /** The seller's note. */
  note?: Maybe<Scalars['String']['output']>;
  /** For discounts: the percentage. */
  percentOff?: Maybe<Scalars['Int']['output']>;
  /** Where the offer is. */
  status: OfferStatus;
};

/** The seller's confirmation that the returned goods arrived. */
export type ConfirmReturnReceivedInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** Refuse with VERSION_CONFLICT unless the case is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The open return. */
  returnId: Scalars['ID']['input'];
};

/** The answer to `confirmReturnReceived`. */
export type ConfirmReturnReceivedPayload = {
  __typename?: 'ConfirmReturnReceivedPayload';
  /** The case after the change, with its returns; null when refused. */
  case?: Maybe<Case>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A key to issue. */
export type CreateApiKeyInput = {
  /** For a PARTNER key: READ (the default) or READ_WRITE. */
  access?: InputMaybe<KeyAccess>;
  /** For a MARKETPLACE key: every seller, present and future, instead of `sellerIds`. */
  allSellers?: InputMaybe<Scalars['Boolean']['input']>;
  /** Makes retries safe: a retry answers the same key without its secret (the secret is never stored). A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Who or what uses it, 1 to 100 characters. */
  label: Scalars['String']['input'];
  /** Whom it acts as. */
  role: KeyRole;
  /** For a SELLER key: the seller (must exist). */
  sellerId?: InputMaybe<Scalars['ID']['input']>;
  /** For a PARTNER key, or a MARKETPLACE key without `allSellers`: the sellers it is granted (must exist). */
  sellerIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** The answer to `createApiKey`. */
export type CreateApiKeyPayload = {
  __typename?: 'CreateApiKeyPayload';
  /** The new key; null when refused. */
  apiKey?: Maybe<ApiKey>;
  /** The secret, shown in this answer only: store it now. Null on an idempotent replay (the key exists, but no one holds its secret if the first answer was lost: revoke it with `revokeApiKey` and create another) and when refused. */
  secret?: Maybe<Scalars['String']['output']>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** An order as the marketplace reports it. Give either `handlingDays` or `shipBy`. */
export type CreateOrderInput = {
  /** The buyer's country. */
  buyerCountry: Scalars['CountryCode']['input'];
  /** What the buyer paid, in the order currency. */
  buyerTotal: MoneyInput;
  /** Handling time in whole calendar days in the seller's time zone (1 to 60): `shipBy` becomes `placedAt` plus this many days at the same local time of day (across a daylight-saving change that is 23 or 25 hours a day, not 24). */
  handlingDays?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** What the buyer ordered: 1 to 100 lines. */
  items: Array<OrderItemInput>;
  /** The marketplace's own order id, 1 to 64 characters; unique per seller. Stored trimmed and in Unicode NFKC, so two spellings that read the same (a precomposed and a decomposed accent, full-width and ASCII letters) are one id. */
  marketplaceOrderId: Scalars['String']['input'];
  /** When the buyer placed the order; not in the future. */
  placedAt: Scalars['DateTime']['input'];
  /** The seller the order belongs to; required for partner, marketplace and operator keys, implied by a seller key. */
  sellerId?: InputMaybe<Scalars['ID']['input']>;
  /** What the marketplace settles to the seller; must be in the seller's settlement currency. */
  settlementAmount: MoneyInput;
  /** The ship-by deadline as the marketplace set it, after `placedAt`. */
  shipBy?: InputMaybe<Scalars['DateTime']['input']>;
  /** The shipment, when the order is recorded after it already shipped (a sync that runs late, a seller's history): the order is stored `SHIPPED` as declared when it shipped, so it counts on time or late by its real `shippedAt` against `shipBy`, and the late-order job never looks at it. Records `ORDER_IMPORTED` then `ORDER_SHIPPED`, as a create and `markOrderShipped` would. An order already recorded is a `DUPLICATE_ORDER`: ship it with `markOrderShipped`. */
  shipment?: InputMaybe<OrderShipmentInput>;
};

/** The answer to `createOrder`. */
export type CreateOrderPayload = {
  __typename?: 'CreateOrderPayload';
  /** The new order; null when refused. */
  order?: Maybe<Order>;
  /** Why the order was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A seller to onboard. */
export type CreateSellerInput = {
  /** The seller's id, 3 to 64 letters, digits, `.`, `_` or `-` (e.g. the marketplace's own seller id); omitted: a new `sel_<ULID>` id. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Makes retries safe: a retry with the same key and input answers the same seller. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The language the seller reads texts in; English when omitted. */
  language?: InputMaybe<Language>;
  /** Display name, 1 to 200 characters. */
  name: Scalars['String']['input'];
  /** The ISO 4217 currency the marketplace settles in, one in use (INVALID_INPUT for one withdrawn, such as HRK or BGN); sales figures, deposits and statistics use it. */
  settlementCurrency: Scalars['CurrencyCode']['input'];
  /** IANA time zone name such as `Asia/Shanghai`, or `UTC` (not an offset, and not `EST`, `MST` or `HST`, which are fixed offsets); the seller's days and months are counted in it. Stored under its current IANA name (`Asia/Calcutta` as `Asia/Kolkata`, `PRC` as `Asia/Shanghai`). */
  timeZone: Scalars['String']['input'];
};

/** The answer to `createSeller`. */
export type CreateSellerPayload = {
  __typename?: 'CreateSellerPayload';
  /** The new seller; null when refused. */
  seller?: Maybe<Seller>;
  /** Why it was refused (`INVALID_INPUT` naming the field, `DUPLICATE_SELLER`); empty on success. */
  userErrors: Array<UserError>;
};

/** How the caller proved who it is. */
export type CredentialKind =
  /** An API key (`Authorization: Bearer <key>`). */
  | 'API_KEY'
  /** A frontend user's token, verified by API Gateway's JWT authorizer. */
  | 'TOKEN';

/** An operator's decision on a refund application. */
export type DecideDepositRefundInput = {
  /** APPROVE_PARTIAL: the amount to refund, in the deposit's currency, more than zero and below the deposit. APPROVE_FULL: optional; when given, the whole deposit (INVALID_INPUT otherwise). Either approval in another currency than the deposit's: CURRENCY_MISMATCH. DENY: none (INVALID_INPUT). */
  amount?: InputMaybe<MoneyInput>;
  /** The pending application. */
  applicationId: Scalars['ID']['input'];
  /** Refuse with VERSION_CONFLICT unless the application is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Approve in full, approve in part, or deny. */
  outcome: DepositRefundDecisionOutcome;
  /** APPROVE_PARTIAL: the reason for the deduction; DENY: the reason; APPROVE_FULL: an optional note, required (INVALID_INPUT without one) when the decision overrides a recommendation not to refund (NOT_YET_ELIGIBLE, NOT_ELIGIBLE). At most 2000 characters. */
  reason?: InputMaybe<Scalars['String']['input']>;
};

/** The answer to `decideDepositRefund`. */
export type DecideDepositRefundPayload = {
  __typename?: 'DecideDepositRefundPayload';
  /** The decided application; null when refused. */
  application?: Maybe<DepositRefundApplication>;
  /** The deposit after the decision; null when refused. */
  deposit?: Maybe<Deposit>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** An endpoint to delete. */
export type DeleteWebhookEndpointInput = {
  /** The endpoint. */
  endpointId: Scalars['ID']['input'];
  /** The endpoint's version as read; a stale one is refused with VERSION_CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Same key + same input within 24 h → the same answer, no second change. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The endpoint's seller, as at registration (omit for a seller key, and for an operator endpoint). */
  sellerId?: InputMaybe<Scalars['ID']['input']>;
};

/** The answer to `deleteWebhookEndpoint`. */
export type DeleteWebhookEndpointPayload = {
  __typename?: 'DeleteWebhookEndpointPayload';
  /** The id of the endpoint deleted; null when refused. */
  deletedEndpointId?: Maybe<Scalars['ID']['output']>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A security deposit a seller paid to the platform. */
export type Deposit = {
  __typename?: 'Deposit';
  /** What was paid, in the seller's settlement currency. */
  amount: Money;
  /** When it was recorded here. */
  createdAt: Scalars['DateTime']['output'];
  /** The deposit's id. */
  id: Scalars['ID']['output'];
  /** Which refund rule it follows. */
  kind: DepositKind;
  /** When it was paid. */
  paidAt: Scalars['DateTime']['output'];
  /** Every refund application of this deposit, oldest first (batched: a page of deposits reads its applications in one Query; the query cost counts 10 applications per deposit). */
  refundApplications: Array<DepositRefundApplication>;
  /** What was paid back: the whole amount or the approved part; null while nothing was refunded. */
  refundedAmount?: Maybe<Money>;
  /** Limited-term: the sales that make it refundable in full within the term: settled sales of the orders placed in [termStart, termEnd) to the instant (what the marketplace settles for each, nothing for a cancelled order, less the refunds given on those same orders whenever given), never negative; null for unlimited deposits. */
  salesTarget?: Maybe<Money>;
  /** The seller who paid it. */
  sellerId: Scalars['ID']['output'];
  /** Where it is. */
  status: DepositStatus;
  /** Unlimited: the sustained-sales rule; null for limited-term deposits. */
  sustainedRule?: Maybe<SustainedSalesRule>;
  /** Limited-term: when the term ends (exclusive); null for unlimited deposits. */
  termEnd?: Maybe<Scalars['DateTime']['output']>;
  /** Limited-term: when the term starts; null for unlimited deposits. */
  termStart?: Maybe<Scalars['DateTime']['output']>;
  /** When it last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Increases by one with every change; pass it as `expectedVersion` to refuse racing updates. */
  version: Scalars['Int']['output'];
};

/** A page of deposits. */
export type DepositConnection = {
  __typename?: 'DepositConnection';
  /** The deposits on this page with their cursors. */
  edges: Array<DepositEdge>;
  /** Where this page is in the list. */
  pageInfo: PageInfo;
};

/** What a seller's record does to its deposit refunds. */
export type DepositConsequence = {
  __typename?: 'DepositConsequence';
  /** Why. */
  code: DepositConsequenceCode;
  /** The kinds of deposit it applies to. */
  depositKinds: Array<DepositKind>;
  /** Blocks, or weighs against, a refund. */
  effect: DepositConsequenceEffect;
  /** The consequence in a sentence. */
  explanation: Scalars['String']['output'];
  /** The metric behind it, if any. */
  metric?: Maybe<HealthMetricName>;
  /** The violation behind it, if any. */
  violationId?: Maybe<Scalars['ID']['output']>;
};

/** Why a seller's record weighs on a deposit refund. */
export type DepositConsequenceCode =
  /** A violation of blocking severity or kind. */
  | 'BLOCKING_VIOLATION'
  /** A health metric misses its target. */
  | 'METRIC_MISSES_TARGET'
  /** A quality violation. */
  | 'QUALITY_VIOLATION'
  /** More quality disputes resolved for the buyer (money back, an accepted PARTIAL_REFUND or DISCOUNT offer, a replacement, a decision for the buyer) in 60 days than the deposit rules allow. */
  | 'TOO_MANY_QUALITY_DISPUTES';

/** What a consequence does to a deposit refund. */
export type DepositConsequenceEffect =
  /** The refund is refused while it lasts. */
  | 'BLOCKS_REFUND'
  /** The operator weighs it when deciding (unlimited deposits). */
  | 'WEIGHS_AGAINST_REFUND';

/** A deposit and the cursor that resumes the list after it. */
export type DepositEdge = {
  __typename?: 'DepositEdge';
  /** Opaque cursor; pass it as `after` to continue after this deposit. */
  cursor: Scalars['String']['output'];
  /** The deposit. */
  node: Deposit;
};

/** Which refund rule a deposit follows. */
export type DepositKind =
  /** Held for a term with a sales target. If the term had no blocking violation and no quality problem: refunded in full as soon as the target is reached within the term; otherwise refundable once the term ends, the amount for an operator to weigh (REFER_TO_OPERATOR). */
  | 'LIMITED_TERM'
  /** Held as long as the seller sells: with the sustained-sales rule met over months it was held and no blocking violation in the trailing window, a refund is referred to an operator, who decides. */
  | 'UNLIMITED';

/** A seller's application for the refund of a deposit, with its evidence and, once decided, the decision. */
export type DepositRefundApplication = {
  __typename?: 'DepositRefundApplication';
  /** When the seller applied. */
  appliedAt: Scalars['DateTime']['output'];
  /** While the application waits (`PENDING`): the deposit's eligibility assessed when this field is read (its recommendation is `currentRecommendation`), with what blocks it and the sales behind it (`progress`), as `depositRefundEligibility` answers it. Null once decided. Costs what `currentRecommendation` costs (priced apart: selecting both costs twice, though it assesses once). */
  currentEligibility?: Maybe<DepositRefundEligibility>;
  /** While the application waits (`PENDING`): what the refund rules recommend now, assessed when this field is read, as `depositRefundEligibility` assesses the deposit; compare it with `recommendation`, the one made when the seller applied. Null once decided (see `decision.recommendation`). Each application's deposit is assessed with reads of its own (2 to 9 requests), so the field adds 20 to the query's cost per application: select it on a page of the review queue no larger than you review. */
  currentRecommendation?: Maybe<DepositRefundRecommendation>;
  /** When it was decided; null while pending. */
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The decision; null while pending. */
  decision?: Maybe<DepositRefundDecision>;
  /** The deposit (batched: a page of applications loads its deposits in one read). */
  deposit?: Maybe<Deposit>;
  /** The deposit's id. */
  depositId: Scalars['ID']['output'];
  /** The evidence. */
  documents: Array<EvidenceDocument>;
  /** The application's id. */
  id: Scalars['ID']['output'];
  /** What the refund rules recommended when the seller applied, kept as it was then. It is not recomputed: an order cancelled or refunded since, or a violation recorded since (or while the seller applied), is not in it. `currentRecommendation` is the rules' verdict now, and the decision keeps the one it was made under (`decision.recommendation`). */
  recommendation: DepositRefundRecommendation;
  /** The seller. */
  sellerId: Scalars['ID']['output'];
  /** Where it is. */
  status: DepositRefundApplicationStatus;
  /** When it last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Increases by one with every change; pass it as `expectedVersion` to refuse racing decisions. */
  version: Scalars['Int']['output'];
};

/** A page of refund applications. */
export type DepositRefundApplicationConnection = {
  __typename?: 'DepositRefundApplicationConnection';
  /** The applications on this page with their cursors. */
  edges: Array<DepositRefundApplicationEdge>;
  /** Where this page is in the list. */
  pageInfo: PageInfo;
};

/** A refund application and the cursor that resumes the list after it. */
export type DepositRefundApplicationEdge = {
  __typename?: 'DepositRefundApplicationEdge';
  /** Opaque cursor; pass it as `after` to continue after this application. */
  cursor: Scalars['String']['output'];
  /** The application. */
  node: DepositRefundApplication;
};

/** Where a refund application is. Decided once. */
export type DepositRefundApplicationStatus =
  /** Approved in full. */
  | 'APPROVED'
  /** Denied with a reason; the deposit is held again. */
  | 'DENIED'
  /** Approved for part of the deposit; the rest is deducted. */
  | 'PARTIALLY_APPROVED'
  /** Waiting for an operator's decision (in the review queue). */
  | 'PENDING';

/** Why a deposit cannot be refunded (yet), with a sentence the seller can act on. */
export type DepositRefundBlocker = {
  __typename?: 'DepositRefundBlocker';
  /** Stable, for programs. */
  code: DepositRefundBlockerCode;
  /** What stands in the way and what to do, for people. */
  message: Scalars['String']['output'];
};

/** Why a deposit cannot be refunded (yet). */
export type DepositRefundBlockerCode =
  /** The deposit was already refunded (in full or in part). */
  | 'ALREADY_REFUNDED'
  /** A violation of the blocking severity (default MAJOR) or above: limited-term, during the term; unlimited, in the trailing window. */
  | 'BLOCKING_VIOLATION'
  /** Limited-term: disputes about quality (QUALITY_ISSUE, NOT_AS_DESCRIBED) opened during the term are still open, escalated ones included; the message names them. Lost, even after the term ended, they count against the term (TOO_MANY_QUALITY_DISPUTES), so the refund waits until they are settled. A dispute opened after the term ended does not count for it. Listed only when nothing else blocks the refund for good (recommendation NOT_YET_ELIGIBLE). */
  | 'QUALITY_DISPUTES_OPEN'
  /** Limited-term: a QUALITY violation during the term. */
  | 'QUALITY_VIOLATION'
  /** A refund application already waits for a decision: no other is taken. Listed first, beside the blockers the rules find now. */
  | 'REFUND_ALREADY_REQUESTED'
  /** Unlimited: one or more months of the sustained-sales rule fell short, or began before the deposit was paid (it was held for fewer full months than the rule needs). */
  | 'SUSTAINED_SALES_NOT_MET'
  /** Limited-term: the term has not started or runs on, and the sales target is not reached yet. */
  | 'TERM_NOT_ENDED'
  /** Limited-term: more disputes about quality lost during the term, or opened during it and lost since (after the term ended included), than allowed. A dispute about quality (QUALITY_ISSUE, NOT_AS_DESCRIBED) is lost when it ends with money back (a refund, a return refunded, an accepted PARTIAL_REFUND or DISCOUNT offer), a replacement or the platform deciding for the buyer; an accepted COUPON, GIFT or FREE_SHIPPING is a goodwill gesture and does not count. */
  | 'TOO_MANY_QUALITY_DISPUTES';

/** An operator's decision on a refund application. */
export type DepositRefundDecision = {
  __typename?: 'DepositRefundDecision';
  /** What is refunded: the whole deposit, the approved part; null when denied. */
  amount?: Maybe<Money>;
  /** Approve in full, approve in part, or deny. */
  outcome: DepositRefundDecisionOutcome;
  /** The deduction reason (partial), the denial reason, or an optional note (full). */
  reason?: Maybe<Scalars['String']['output']>;
  /** What the refund rules recommended when the operator decided, assessed again for the decision (the application's `recommendation` is the one made when the seller applied). Null on decisions made before it was kept. */
  recommendation?: Maybe<DepositRefundRecommendation>;
};

/** An operator's decision on a refund application. */
export type DepositRefundDecisionOutcome =
  /** Refund the whole deposit. */
  | 'APPROVE_FULL'
  /** Refund part of the deposit (amount and deduction reason required). */
  | 'APPROVE_PARTIAL'
  /** Refund nothing now (reason required); the seller may apply again later. */
  | 'DENY';

/** Whether a deposit can be refunded now, and if not, why and what is missing. */
export type DepositRefundEligibility = {
  __typename?: 'DepositRefundEligibility';
  /** The instant the answer was computed for. */
  assessedAt: Scalars['DateTime']['output'];
  /** What stands in the way; empty when eligible. While an application waits, `REFUND_ALREADY_REQUESTED` first, then whatever the rules find now; once refunded, `ALREADY_REFUNDED` alone. */
  blockers: Array<DepositRefundBlocker>;
  /** The deposit. */
  depositId: Scalars['ID']['output'];
  /** True when an application would be accepted (given the documents): false while one waits and once refunded. */
  eligible: Scalars['Boolean']['output'];
  /** Of those, the kinds not among `documentKinds`. */
  missingDocuments: Array<EvidenceDocumentKind>;
  /** Sales against the target or the sustained-sales rule, time left in the term. */
  progress: DepositRefundProgress;
  /** What the rules recommend. While an application waits, still the rules' verdict now, for the operator deciding it: `NOT_ELIGIBLE` when a blocker besides `REFUND_ALREADY_REQUESTED` applies. `NOT_ELIGIBLE` once refunded. */
  recommendation: DepositRefundRecommendation;
  /** The document kinds every refund application must carry. */
  requiredDocuments: Array<EvidenceDocumentKind>;
};

/** How far a deposit is towards its refund. */
export type DepositRefundProgress = {
  __typename?: 'DepositRefundProgress';
  /** Limited-term: whole days until the term ends (0 once it ended); null for unlimited deposits. */
  daysLeft?: Maybe<Scalars['Int']['output']>;
  /** Unlimited: each month of the rule, oldest first; null for limited-term deposits. */
  monthlySales?: Maybe<Array<MonthlySales>>;
  /** Unlimited: how many months of the rule reached the minimum; null for limited-term deposits. */
  monthsMeetingRule?: Maybe<Scalars['Int']['output']>;
  /** Unlimited: how many months the rule covers; null for limited-term deposits. */
  monthsRequired?: Maybe<Scalars['Int']['output']>;
  /** What `salesToDate` counts, in one sentence with the term's instants: which orders, net of what. */
  salesBasis: Scalars['String']['output'];
  /** The settled sales of the orders reported after the fact, left out of `salesToDate`. Limited-term: the orders placed in the term that were recorded here once it had ended, more than 7 days after they were placed (a late sync is given a week). Unlimited: the orders placed in a month of the rule that were recorded here once that month had ended (the seller's calendar), more than 7 days after they were placed; each is left out of its month in `monthlySales`. Zero when there are none. */
  salesRecordedAfterTerm?: Maybe<Money>;
  /** Limited-term: the sales target; null for unlimited deposits. */
  salesTarget?: Maybe<Money>;
  /** Limited-term: the settled sales of the orders placed in [termStart, termEnd) to the instant (what the marketplace settles for each, nothing for a cancelled order, less the refunds given on those same orders whenever given), never negative, so far; an order recorded here once the term had ended, more than 7 days after it was placed, does not count (`salesRecordedAfterTerm`). Unlimited: the same for the orders placed in the months of the rule; an order recorded here once its month had ended, more than 7 days after it was placed, does not count (`salesRecordedAfterTerm`). `salesBasis` says it in a sentence. Summed exactly however large; a figure past 2^53 − 1 minor units (the largest amount sent exactly, here and in `monthlySales`) is sent as that amount, and `salesBasis` says the sales are more than it (any target is reached by then). */
  salesToDate: Money;
  /** Limited-term: when the term ends; null for unlimited deposits. */
  termEndsAt?: Maybe<Scalars['DateTime']['output']>;
};

/** What the refund rules recommend for a deposit. */
export type DepositRefundRecommendation =
  /** Not refundable: a violation, a quality problem or unmet sustained sales (too few months held included), or the deposit was already refunded; the blockers say which. */
  | 'NOT_ELIGIBLE'
  /** Not yet: the term runs and the sales target is not reached, or quality disputes opened during the term are still open; waiting (or selling more) changes that. */
  | 'NOT_YET_ELIGIBLE'
  /**
   * Eligible, and an operator decides how much: an unlimited deposit whose rules are met (the platform weighs sales and
   * reputation), or a limited-term deposit whose term ended with no violation or quality problem but short of its sales
   * target (refundable; only the target reached within the term promises the whole deposit).
   */
  | 'REFER_TO_OPERATOR'
  /** Limited-term, eligible, and the sales target was reached within the term: refund the whole deposit. */
  | 'REFUND_IN_FULL';

/** Where a deposit is: HELD → REFUND_REQUESTED → REFUNDED | PARTIALLY_REFUNDED, or back to HELD when a refund is denied. */
export type DepositStatus =
  /** Held by the platform; a refund may be applied for. */
  | 'HELD'
  /** Part refunded, the rest deducted (final). */
  | 'PARTIALLY_REFUNDED'
  /** Refunded in full (final). */
  | 'REFUNDED'
  /** A refund application waits for the platform's decision. */
  | 'REFUND_REQUESTED';

/** An endpoint to switch off. */
export type DisableWebhookEndpointInput = {
  /** The endpoint. */
  endpointId: Scalars['ID']['input'];
  /** The endpoint's version as read; a stale one is refused with VERSION_CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Same key + same input within 24 h → the same answer, no second change. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The endpoint's seller, as at registration (omit for a seller key, and for an operator endpoint). */
  sellerId?: InputMaybe<Scalars['ID']['input']>;
};

/** The answer to `disableWebhookEndpoint`. */
export type DisableWebhookEndpointPayload = {
  __typename?: 'DisableWebhookEndpointPayload';
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
  /** The endpoint, switched off; null when refused. */
  webhookEndpoint?: Maybe<WebhookEndpoint>;
};

/** An endpoint to switch on again. */
export type EnableWebhookEndpointInput = {
  /** The endpoint. */
  endpointId: Scalars['ID']['input'];
  /** The endpoint's version as read; a stale one is refused with VERSION_CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Same key + same input within 24 h → the same answer, no second change. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The endpoint's seller, as at registration (omit for a seller key, and for an operator endpoint). */
  sellerId?: InputMaybe<Scalars['ID']['input']>;
};

/** The answer to `enableWebhookEndpoint`. */
export type EnableWebhookEndpointPayload = {
  __typename?: 'EnableWebhookEndpointPayload';
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
  /** The endpoint, switched on; null when refused. */
  webhookEndpoint?: Maybe<WebhookEndpoint>;
};

/** Why a mutation refused its input; stable, for programs to branch on. */
export type ErrorCode =
  /** A refund is above the deposit it comes from. */
  | 'AMOUNT_ABOVE_DEPOSIT'
  /** An amount is above what policy allows: a kind's cap, or refunds and compensation beyond what the buyer paid; the message names the cap. */
  | 'AMOUNT_ABOVE_POLICY'
  /** importOrders: this order would take one of the seller's totals (a day's sales, the overview's sums) past 2^53 − 1 minor units, the largest exact amount; that order was not written, the others of the batch were decided on their own. (Any other mutation fails whole with the request error `AMOUNT_OVERFLOW`.) */
  | 'AMOUNT_OVERFLOW'
  /** Another refund application of this deposit is still waiting for the platform's decision. */
  | 'APPLICATION_ALREADY_OPEN'
  /** An amount is not in the currency it must be in (e.g. the seller's settlement currency). */
  | 'CURRENCY_MISMATCH'
  /** openCase: the order already has its one late-shipment incident (source SYSTEM: opened by the late-order job or earlier through openCase; a buyer's LATE_SHIPMENT dispute is not refused beside it), or an open buyer dispute with the same reason (a relay retried under a new idempotency key); the message names that case. Nothing was written. */
  | 'DUPLICATE_CASE'
  /** recordDeposit: the seller already has a deposit for this payment (the same kind, amount and currency, paid at the same instant), recorded earlier or by a concurrent call; the message names it (an `idempotencyKey` retry replays the first answer instead). Nothing was written. */
  | 'DUPLICATE_DEPOSIT'
  /** The seller already has an order with this marketplace order id; the message names it. */
  | 'DUPLICATE_ORDER'
  /** A refund's reference is already recorded as another refund of the order (recordRemedy): another kind or amount on the case, or a refund on another of the order's cases; the message names that remedy. Nothing was written. */
  | 'DUPLICATE_REFUND'
  /** A seller with this id already exists (createSeller); nothing was written. */
  | 'DUPLICATE_SELLER'
  /** recordViolation: the seller already has this violation in force (the same kind and severity, occurred at the same instant), recorded earlier or by a concurrent call; the message names it (an `idempotencyKey` retry replays the first answer instead; a voided violation does not count). Nothing was written. */
  | 'DUPLICATE_VIOLATION'
  /** A request with this idempotency key is still running; retry shortly. */
  | 'IDEMPOTENCY_IN_PROGRESS'
  /** This idempotency key was already used for a different input. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** A field's value is invalid: wrong range, length, format or combination. */
  | 'INVALID_INPUT'
  /** The object's current state does not allow this action; the message names the state. */
  | 'INVALID_TRANSITION'
  /** A list that grows with use (remedies, offers, messages, open cases, refund applications…) is at its cap; the message names the cap. Nothing was written. */
  | 'LIMIT_REACHED'
  /** A deposit refund application lacks required evidence: the message names the missing document kinds, or the required kinds one file (the same reference or the same checksum) was given as; each required kind needs a file of its own. */
  | 'MISSING_DOCUMENTS'
  /** The deposit cannot be refunded now; the message gives the blockers' sentences (see `depositRefundEligibility`). */
  | 'NOT_ELIGIBLE'
  /** The object does not exist, or belongs to a seller the caller may not act for. */
  | 'NOT_FOUND'
  /** The offer's expiresAt has passed; it can no longer be accepted, declined or withdrawn. */
  | 'OFFER_EXPIRED'
  /** withdrawInvalidTrackingReport: no report that the carrier does not know the order's tracking number stands (never made, or withdrawn already). Nothing was written. */
  | 'TRACKING_NOT_REPORTED_INVALID'
  /** `expectedVersion` is stale: someone changed the object since it was read. Rarely also a write without `expectedVersion` that lost the race to other writes on the same object 60 times in a row, or still losing 19 seconds into the request (read again and resend); or, on `idempotencyKey`, a write whose outcome is unknown (docs/using-the-api.md). */
  | 'VERSION_CONFLICT'
  /** The violation was voided already (voidViolation); the message says when. A void is neither repeated nor undone. Nothing was written. */
  | 'VIOLATION_ALREADY_VOIDED'
  /** A webhook endpoint URL breaks a rule (https only; no credentials; port 443 or 1024–65535; no literal private, loopback or link-local address; local endpoints in development only); the message names the rule. Nothing was written. */
  | 'WEBHOOK_URL_REFUSED';

/** A case to escalate. */
export type EscalateCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** Refuse with VERSION_CONFLICT unless the case is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Why, at most 1000 characters: the timeline entry's `body`, redacted 365 days after it. */
  note?: InputMaybe<Scalars['String']['input']>;
};

/** The answer to `escalateCase`. */
export type EscalateCasePayload = {
  __typename?: 'EscalateCasePayload';
  /** The case after the change; null when refused. */
  case?: Maybe<Case>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/**
 * One state change worth knowing, recorded in the same transaction as the change (docs/events.md).
 * Webhook deliveries carry the same event in their own body (docs/webhooks.md): the object as `object { type id version
 * partId }`, and no `actorKeyId`.
 */
export type Event = {
  __typename?: 'Event';
  /**
   * Who made the change: the credential's key id (`jwt:<subject>` for a frontend user), or `job:<name>` for a scheduled job.
   * A key id is shown to its own side only (the seller's keys and partner tools, or the marketplace's keys) and to operators;
   * others read the side alone: `side:seller`, `side:marketplace` or `side:operator` (`side:unknown` for an event recorded
   * before sides were kept).
   */
  actorKeyId: Scalars['String']['output'];
  /** Unique and stable: a ULID of `occurredAt`. Receivers deduplicate by it (delivery is at least once). */
  id: Scalars['ID']['output'];
  /** The id of the object that changed. Events about an offer, remedy, return or evidence name their case. */
  objectId: Scalars['ID']['output'];
  /** What kind of object changed. */
  objectType: EventObjectType;
  /** The object's version after the change: one object's events are in (objectVersion, id) order. */
  objectVersion: Scalars['Int']['output'];
  /** When the change was written. */
  occurredAt: Scalars['DateTime']['output'];
  /** The offer, remedy, return or evidence id, when the event is about that part of a case. */
  partId?: Maybe<Scalars['ID']['output']>;
  /**
   * A compact snapshot of the object's own fields at `objectVersion` (and of the part, under `part`):
   * scalars and money amounts only, at most 4 KB. No nested lists, nothing that depends on the
   * viewer or the clock (available actions, risk, time left), and no free text (notes, message
   * bodies, evidence). Read more through the object's query.
   */
  payload: Scalars['JSON']['output'];
  /** The seller the event belongs to; null for operator-level events (an API key created or revoked). */
  sellerId?: Maybe<Scalars['ID']['output']>;
  /** What happened. */
  type: EventType;
};

/** A page of events, the oldest first. */
export type EventConnection = {
  __typename?: 'EventConnection';
  /** The events on this page with their cursors. */
  edges: Array<EventEdge>;
  /** Where this page is in the list. `endCursor` is where to resume: the last edge's cursor, or, on a page with no new events, the `after` it was given (null only when a call without `after` found none). */
  pageInfo: PageInfo;
};

/** An event and the cursor that resumes the list after it. */
export type EventEdge = {
  __typename?: 'EventEdge';
  /** Opaque cursor; pass it as `after` to continue after this event. */
  cursor: Scalars['String']['output'];
  /** The event. */
  node: Event;
};

/** Which events to list: every given field must hold. */
export type EventFilter = {
  /** Only events about this object: an order, case, deposit, refund application, violation, seller or API key id. */
  objectId?: InputMaybe<Scalars['ID']['input']>;
  /** Only events that occurred at or after this instant (within the 30 days events are kept). */
  since?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only events of these types (at most 50); every type when absent or empty. */
  types?: InputMaybe<Array<EventType>>;
  /** Only events that occurred before this instant. */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** The kinds of objects events are about. */
export type EventObjectType =
  /** An API key (operator-level). */
  | 'API_KEY'
  /** A case, or an offer, remedy, return or evidence of it (`case(id:)`). */
  | 'CASE'
  /** A security deposit (`deposit(id:)`). */
  | 'DEPOSIT'
  /** An order (`order(id:)`). */
  | 'ORDER'
  /** A refund application of a deposit. */
  | 'REFUND_APPLICATION'
  /** A seller (`seller(id:)`). */
  | 'SELLER'
  /** A violation recorded against a seller. */
  | 'VIOLATION'
  /** A webhook endpoint. */
  | 'WEBHOOK_ENDPOINT';

/** What an event says happened. */
export type EventType =
  /** Operator-level: an API key was created (`createApiKey`, or `npm run keys -- create`). */
  | 'API_KEY_CREATED'
  /** Operator-level: an API key was revoked (`revokeApiKey`, or `npm run keys -- revoke`); requests with it are refused from then on. */
  | 'API_KEY_REVOKED'
  /** The seller answered on the case (`postCaseMessage` by the seller). */
  | 'CASE_ANSWERED'
  /** The case was closed (`closeCase`). */
  | 'CASE_CLOSED'
  /** The case was decided (`resolveCase`; or `cancelOrder`, which resolves the order's late-shipment incident ORDER_CANCELLED): its outcome is in the payload. */
  | 'CASE_DECIDED'
  /** The case was escalated to the platform (`escalateCase`). */
  | 'CASE_ESCALATED'
  /** The buyer, the platform or an operator wrote on the case (`postCaseMessage`); the body is read through `case`. */
  | 'CASE_MESSAGE_POSTED'
  /** A case was opened: by the buyer or marketplace (`openCase`), or a late-shipment case by the late-order job. */
  | 'CASE_OPENED'
  /** The case-deadline job saw the response deadline pass without the seller's answer. */
  | 'CASE_OVERDUE'
  /** The case-deadline job saw the seller's response deadline come near (24 hours left; 12 hours for a LATE_SHIPMENT case, whose window is 24 hours), before it is missed. */
  | 'CASE_RESPONSE_DUE_SOON'
  /** A security deposit was recorded (`recordDeposit`). */
  | 'DEPOSIT_RECORDED'
  /** A side submitted evidence on the case (`submitCaseEvidence`); `partId` is the evidence. */
  | 'EVIDENCE_SUBMITTED'
  /** The buyer accepted an offer (`respondToCompensationOffer`). */
  | 'OFFER_ACCEPTED'
  /** The buyer declined an offer (`respondToCompensationOffer`). */
  | 'OFFER_DECLINED'
  /** An offer passed its expiry unanswered: recorded by the case-deadline job, or first by any other change to the case after the expiry (just before that change's own event, with its caller as the actor). */
  | 'OFFER_LAPSED'
  /** The seller made a compensation offer (`makeCompensationOffer`); `partId` is the offer. */
  | 'OFFER_MADE'
  /** The seller withdrew an offer (`withdrawCompensationOffer`). */
  | 'OFFER_WITHDRAWN'
  /** The late-order job saw the order enter the at-risk window before its ship-by deadline, unshipped. */
  | 'ORDER_AT_RISK'
  /** The order was cancelled (`cancelOrder`). */
  | 'ORDER_CANCELLED'
  /** The order was delivered (`markOrderDelivered`). */
  | 'ORDER_DELIVERED'
  /** The seller switched the order to expedited shipping (`expediteOrder`). */
  | 'ORDER_EXPEDITED'
  /** An order came in (`createOrder`, or one order of `importOrders`). */
  | 'ORDER_IMPORTED'
  /** A shipping incident was recorded on the order (`recordShippingIncident`). */
  | 'ORDER_INCIDENT_RECORDED'
  /** The late-order job saw the order pass its ship-by deadline unshipped (its late-shipment case opens with it). */
  | 'ORDER_LATE'
  /** Money went back to the buyer on one of the order's cases (a refund remedy, an accepted offer, a return refunded): the order's `refunded` or `compensated` total moved. Recorded with that case's own event, in the same write; the payload is the order with its new totals as stored: `refundedMinor` and `compensatedMinor`, minor units of `buyerTotal`'s currency (`Order.refunded` and `Order.compensated` in GraphQL). */
  | 'ORDER_REFUNDED_OR_COMPENSATED'
  /** The seller shipped the order (`markOrderShipped`, or an order recorded already shipped, right after its `ORDER_IMPORTED`). */
  | 'ORDER_SHIPPED'
  /** The marketplace or an operator reported that the carrier does not know the order's tracking number (`reportInvalidTracking`): the shipment left the seller's valid-tracking count. */
  | 'ORDER_TRACKING_INVALID'
  /** The marketplace or an operator withdrew its report that the carrier does not know the order's tracking number (`withdrawInvalidTrackingReport`): the shipment counts again in the seller's valid-tracking count. The payload carries the platform's `reason`. */
  | 'ORDER_TRACKING_REPORT_WITHDRAWN'
  /** The platform decided a deposit refund application (`decideDepositRefund`). The payload carries `refundedAmount`, what was paid back (absent when denied): the deposit's own change has no event of its own. */
  | 'REFUND_APPLICATION_DECIDED'
  /** The seller applied for a deposit refund (`applyForDepositRefund`). */
  | 'REFUND_APPLICATION_MADE'
  /** The seller recorded a remedy (`recordRemedy`); `partId` is the remedy. */
  | 'REMEDY_RECORDED'
  /** A return was cancelled (`cancelReturn`). */
  | 'RETURN_CANCELLED'
  /** The case-deadline job saw the buyer miss a return's ship-back deadline: the return lapsed. */
  | 'RETURN_EXPIRED'
  /** The case-deadline job saw the seller miss a return's receipt or settlement deadline: the case is escalated. */
  | 'RETURN_OVERDUE'
  /** The seller confirmed a return received (`confirmReturnReceived`). */
  | 'RETURN_RECEIVED'
  /** The seller refunded a received return (`refundReturn`). */
  | 'RETURN_REFUNDED'
  /** The seller shipped the replacement of an exchange (`shipReplacement`). */
  | 'RETURN_REPLACEMENT_SHIPPED'
  /** The buyer shipped a return back (`shipReturn`); `partId` is the return. */
  | 'RETURN_SHIPPED_BACK'
  /** A seller was onboarded (`createSeller`). */
  | 'SELLER_CREATED'
  /** A seller's settings changed (`setSellerLanguage`). */
  | 'SELLER_UPDATED'
  /** A violation was recorded against the seller (`recordViolation`). */
  | 'VIOLATION_RECORDED'
  /** An operator voided a violation recorded by mistake (`voidViolation`): it no longer blocks refunds nor counts in the seller's risk score. The payload carries `voidedAt`; who voided it is the event's actor. */
  | 'VIOLATION_VOIDED'
  /** A webhook endpoint was switched off by the system (`disabledBy: SYSTEM`): after repeated failures (`disabledReason: REPEATED_FAILURES`: every attempt failing, at least 10 in a row over a day), or because the API key that registered it was revoked (`KEY_REVOKED`, in the revocation's transaction). The seller's event for a seller's endpoint, an operator-level one for an operator endpoint. Enable it again (after a revocation it then delivers under the enabling caller's key), then redeliver what it missed. */
  | 'WEBHOOK_ENDPOINT_DISABLED';

/** A document supporting a refund application. */
export type EvidenceDocument = {
  __typename?: 'EvidenceDocument';
  /** The file's SHA-256, 64 lowercase hex characters. */
  checksum: Scalars['String']['output'];
  /** What it is. */
  kind: EvidenceDocumentKind;
  /** Where it is: an object key or an https URL. */
  reference: Scalars['String']['output'];
  /** Its title. */
  title: Scalars['String']['output'];
};

/** A document to attach to a refund application. */
export type EvidenceDocumentInput = {
  /** The file's SHA-256 as 64 lowercase hex characters. */
  checksum: Scalars['String']['input'];
  /** What it is. */
  kind: EvidenceDocumentKind;
  /** Where it is: an object key or an https URL, at most 1024 characters. */
  reference: Scalars['String']['input'];
  /** Its title, 1 to 200 characters. */
  title: Scalars['String']['input'];
};

/** A kind of evidence document for a refund application. */
export type EvidenceDocumentKind =
  /** Any other supporting document. */
  | 'OTHER'
  /** A quality inspection report. */
  | 'QUALITY_INSPECTION_REPORT'
  /** The seller's sales data for the period. */
  | 'SALES_DATA';

/** What a piece of case evidence is, after what Stripe, PayPal and Shopify dispute evidence take and what the seller guide keeps (logistics records, inspection reports). */
export type EvidenceKind =
  /** An excerpt of the conversation between the buyer and the seller. */
  | 'CHAT_EXCERPT'
  /** A quality inspection report on the item or its batch. */
  | 'INSPECTION_REPORT'
  /** Anything else; say what in the description. */
  | 'OTHER'
  /** A photo or video: of the item, its damage, the wrong item, the packaging. */
  | 'PHOTO'
  /** The listing as the buyer saw it: description, photos, specifications. */
  | 'PRODUCT_LISTING'
  /** Proof that money was given back: a refund receipt or statement. */
  | 'REFUND_PROOF'
  /** Proof that the item was sent back: the return's tracking record or receipt. */
  | 'RETURN_PROOF'
  /** Proof of shipment or delivery: the carrier's tracking record, a delivery confirmation or signature. */
  | 'TRACKING_PROOF';

/** Whose evidence a piece is. */
export type EvidenceSide =
  /** The buyer's side (relayed by a marketplace key). */
  | 'BUYER'
  /** The platform (marketplace keys, operators). */
  | 'PLATFORM'
  /** The seller's side (seller keys, read-write partner keys). */
  | 'SELLER';

/** An order to expedite. */
export type ExpediteOrderInput = {
  /** Refuse with `VERSION_CONFLICT` unless the order is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The order's id. */
  orderId: Scalars['ID']['input'];
};

/** The answer to `expediteOrder`. */
export type ExpediteOrderPayload = {
  __typename?: 'ExpediteOrderPayload';
  /** The order after the change; null when refused. */
  order?: Maybe<Order>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** How a metric's value must compare with its target. */
export type HealthComparison =
  /** Must be above the target. */
  | 'ABOVE'
  /** Must be at least the target. */
  | 'AT_LEAST'
  /** Must stay below the target. */
  | 'BELOW';

/** One health metric, shaped as marketplaces report them. */
export type HealthMetric = {
  __typename?: 'HealthMetric';
  /** How value must compare with target. */
  comparison: HealthComparison;
  /** Out of what (e.g. shipments). */
  denominator: Scalars['Int']['output'];
  /** The metric in a sentence. */
  explanation: Scalars['String']['output'];
  /** Its name for people. */
  label: Scalars['String']['output'];
  /** Which metric. */
  name: HealthMetricName;
  /** A note, e.g. when nothing was counted. */
  note?: Maybe<Scalars['String']['output']>;
  /** What was counted (e.g. late shipments). */
  numerator: Scalars['Int']['output'];
  /** Where the metric stands. */
  status: HealthStatus;
  /** The target in percent. */
  target: Scalars['Float']['output'];
  /** The rate in percent (two decimals); 0 when nothing was counted. Rounded down for a BELOW or AT_LEAST target and up for an ABOVE one, so that it is on the rate's side of the target and of the at-risk bound, as `status` says. */
  value: Scalars['Float']['output'];
  /** The window, `30d` or `60d`. */
  window: Scalars['String']['output'];
};

/** A seller health metric, as marketplaces report them. */
export type HealthMetricName =
  /** Orders that led to a buyer dispute, of orders placed, over 60 days (target below 1%). Both counted by the day the order was placed: an order placed in the window counts once, from its first buyer dispute on, however many follow; a dispute about an order placed before the window does not count in it. */
  | 'DISPUTE_RATE'
  /** Orders that went late (shipped after ship-by, or flagged late and never shipped), of orders shipped or flagged late, over 30 days (target below 4%). */
  | 'LATE_SHIPMENT_RATE'
  /** First seller replies within respondBy, of first replies owed, on cases the buyer opened (source BUYER), over 30 days (target at least 90%). A case whose respondBy passed with no seller reply counts as a late first reply on that deadline's day (once: a later reply is not counted again), so staying silent never scores better than replying late. */
  | 'ON_TIME_FIRST_RESPONSE_RATE'
  /** Orders cancelled against the seller, of orders placed, over 30 days: every cancellation the seller's side recorded (its own key or a partner tool), whatever its reason, and the platform's (a marketplace key or an operator) for any reason but BUYER_REQUESTED and SUSPECTED_FRAUD; an order cancelled before who recorded it was kept counts unless its reason is BUYER_REQUESTED (`Order.cancelledBy` says who recorded each). Target below 2.5% (Amazon's cancellation rate; AliExpress's 成交不卖率). A cancellation counts on the day it was made, an order on the day it was placed: a cancellation in the window of an order placed before it counts without its order, and the numerator is never shown above the denominator; with no order placed in the window there is nothing to measure. */
  | 'SELLER_CANCELLATION_RATE'
  /** Shipped orders whose tracking number the marketplace (or an operator) has not reported invalid (`reportInvalidTracking`), of orders shipped, over 30 days (target above 95%). */
  | 'VALID_TRACKING_RATE';

/** How a seller health metric stands against its target. */
export type HealthStatus =
  /** Meets the target, but within its margin. */
  | 'AT_RISK'
  /** Misses the target. */
  | 'BAD'
  /** Meets the target with margin. */
  | 'GOOD';

/** One order of an import; the same fields as `CreateOrderInput` without `sellerId` and `idempotencyKey`. */
export type ImportOrderInput = {
  /** The buyer's country. */
  buyerCountry: Scalars['CountryCode']['input'];
  /** What the buyer paid, in the order currency. */
  buyerTotal: MoneyInput;
  /** Handling time in whole calendar days in the seller's time zone (1 to 60), at the same local time of day. */
  handlingDays?: InputMaybe<Scalars['Int']['input']>;
  /** What the buyer ordered: 1 to 100 lines. */
  items: Array<OrderItemInput>;
  /** The marketplace's own order id, 1 to 64 characters; unique per seller. Stored trimmed and in Unicode NFKC, so two spellings that read the same (a precomposed and a decomposed accent, full-width and ASCII letters) are one id. */
  marketplaceOrderId: Scalars['String']['input'];
  /** When the buyer placed the order; not in the future. */
  placedAt: Scalars['DateTime']['input'];
  /** What the marketplace settles to the seller; must be in the seller's settlement currency. */
  settlementAmount: MoneyInput;
  /** The ship-by deadline as the marketplace set it. */
  shipBy?: InputMaybe<Scalars['DateTime']['input']>;
  /** The shipment, when the order already shipped; as in `CreateOrderInput.shipment`. */
  shipment?: InputMaybe<OrderShipmentInput>;
};

/** The result for one order of an import, in input order. */
export type ImportOrderResult = {
  __typename?: 'ImportOrderResult';
  /** Why the order was not created; fields are paths from the mutation's arguments. */
  errors: Array<UserError>;
  /** The order that already has this marketplace order id, when a duplicate. */
  existingOrderId?: Maybe<Scalars['ID']['output']>;
  /** Position in `input.orders`. */
  index: Scalars['Int']['output'];
  /** The marketplace order id as given (its first 64 characters); null when not text or with control characters. */
  marketplaceOrderId?: Maybe<Scalars['String']['output']>;
  /** The new order, when created. */
  order?: Maybe<Order>;
  /** Created, duplicate or rejected. */
  outcome: ImportOutcome;
};

/** A batch of orders. */
export type ImportOrdersInput = {
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 100 orders. */
  orders: Array<ImportOrderInput>;
  /** The seller the orders belong to; required for partner, marketplace and operator keys, implied by a seller key. */
  sellerId?: InputMaybe<Scalars['ID']['input']>;
};

/** The answer to `importOrders`. */
export type ImportOrdersPayload = {
  __typename?: 'ImportOrdersPayload';
  /** How many were created. */
  createdCount: Scalars['Int']['output'];
  /** How many were duplicates. */
  duplicateCount: Scalars['Int']['output'];
  /** How many were not taken up (`NOT_ATTEMPTED`): send them again. */
  notAttemptedCount: Scalars['Int']['output'];
  /** How many were rejected. */
  rejectedCount: Scalars['Int']['output'];
  /** One result per input order, in input order. */
  results: Array<ImportOrderResult>;
  /** Why the whole import was refused (e.g. more than 100 orders); empty when the batch was processed. */
  userErrors: Array<UserError>;
};

/** What happened to one order of an import. */
export type ImportOutcome =
  /** Recorded. */
  | 'CREATED'
  /** The seller already has this marketplace order id; `existingOrderId` names it. */
  | 'DUPLICATE'
  /** Not taken up, and nothing written for it: the request's time ran short (its writes were slow), and no order is begun with less than 10 of the function's 29 seconds left. Send the same request again under the same `idempotencyKey` to go on (the orders already decided answer as they did); without a key, send these orders again. */
  | 'NOT_ATTEMPTED'
  /** Invalid; `errors` say why. */
  | 'REJECTED';

/** What caused a shipping problem. The seller guide gives each cause its own remedy. */
export type IncidentCause =
  /** Negligence or fatigue: contact and apologise, process at once, faster shipping, small compensation. */
  | 'HUMAN_ERROR'
  /** The seller suspects a platform or order-system fault that is not confirmed: the plan's first step is contacting platform support, a to-do until a ticket reference is recorded (record the incident again with `supportTicketRef`, or `recordRemedy` PLATFORM_SUPPORT_TICKET on the late-shipment case or the buyer's NOT_SHIPPED or NOT_RECEIVED dispute); the buyer message apologises for the delay without saying whose fault it was. */
  | 'SUSPECTED_PLATFORM_ERROR'
  /** The order system dropped the order or had wrong data (confirmed: a support ticket reference is required): platform support first, then the buyer, then a goodwill gesture. */
  | 'SYSTEM_ERROR'
  /** Not known yet: the steps of a human error, but the buyer message apologises for the delay without admitting a mistake. */
  | 'UNKNOWN';

/** What a partner key may do for its sellers. */
export type KeyAccess =
  /** Read only. */
  | 'READ'
  /** Read and write. */
  | 'READ_WRITE';

/** Whom an API key acts as. */
export type KeyRole =
  /** A marketplace-side integration, for all sellers or a granted list: speaks for buyers and the platform (opens buyer cases, posts BUYER and PLATFORM messages, answers offers, escalates), never for the seller, and never decides an escalated case (operators do); reads what it may act on. */
  | 'MARKETPLACE'
  /** A platform operator: every seller; the only role that decides escalated cases. */
  | 'OPERATOR'
  /** A seller-side partner tool (an ERP, an order-management tool), for the sellers it is granted: acts as the seller, never as the buyer. */
  | 'PARTNER'
  /** One seller. */
  | 'SELLER';

/**
 * A language the API writes seller-facing texts in. Which one a text is in: the request's
 * `Accept-Language` header when it names one of these (`zh`, `zh-CN`, `zh-Hans` → `ZH_CN`), else the
 * setting of the seller the text is about (`Seller.language`), else English. Codes never change with
 * the language.
 */
export type Language =
  /** English (`en`). */
  | 'EN'
  /** Simplified Chinese (`zh-CN`), in the words of the seller guide (纠纷, 退款, 换货, 退货, 保证金, 发货). */
  | 'ZH_CN';

/** A compensation offer to make. */
export type MakeCompensationOfferInput = {
  /** The value in the order currency, for every kind but DISCOUNT (which takes percentOff) and REPLACEMENT_WITH_RETURN (an exchange moves no money: give no amount; the offer's amount reads 0). For REFUND_WITH_RETURN, what is refunded on receipt of the goods: it must fit in what is left to refund on the order (paid − refunded) when offered, when accepted and when refunded. PARTIAL_REFUND and DISCOUNT (money off this order) are money back and fit in the same paid − refunded; goodwill kinds (COUPON, GIFT, FREE_SHIPPING) fit in what the buyer has not got back (paid − refunded − held for returns − goodwill accepted), so that goodwill never takes refunds plus compensation past what the buyer paid; goodwill never takes from what can be refunded, and a refund owed after it is paid in full. */
  amount?: InputMaybe<MoneyInput>;
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** Refuse with VERSION_CONFLICT unless the case is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Until when the buyer may accept it: at least 24 hours and at most 14 days ahead, so the buyer has time to answer. */
  expiresAt: Scalars['DateTime']['input'];
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** What to offer. */
  kind: CompensationKind;
  /** A note for the buyer, at most 1000 characters. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** For DISCOUNT: the percentage off the order. */
  percentOff?: InputMaybe<Scalars['Int']['input']>;
};

/** The answer to `makeCompensationOffer`. */
export type MakeCompensationOfferPayload = {
  __typename?: 'MakeCompensationOfferPayload';
  /** The case after the change; null when refused. */
  case?: Maybe<Case>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** The delivery of a shipped order. */
export type MarkOrderDeliveredInput = {
  /** When it was delivered; defaults to now (or to `shippedAt`, when that is a little ahead of the server's clock). Not before shipment, not in the future. */
  deliveredAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Refuse with `VERSION_CONFLICT` unless the order is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The order's id. */
  orderId: Scalars['ID']['input'];
};

/** The answer to `markOrderDelivered`. */
export type MarkOrderDeliveredPayload = {
  __typename?: 'MarkOrderDeliveredPayload';
  /** The order after the change; null when refused. */
  order?: Maybe<Order>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** The shipment of an order. */
export type MarkOrderShippedInput = {
  /** The carrier, 1 to 64 characters. */
  carrier: Scalars['String']['input'];
  /** Refuse with `VERSION_CONFLICT` unless the order is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The order's id. */
  orderId: Scalars['ID']['input'];
  /** When it was handed over; defaults to now (or to `placedAt`, when that is a little ahead of the server's clock). Not in the future, not before the order was placed. */
  shippedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The tracking number: up to 64 characters, at least 4 letters or digits, with single dashes only between them. */
  trackingNumber: Scalars['String']['input'];
};

/** The answer to `markOrderShipped`. */
export type MarkOrderShippedPayload = {
  __typename?: 'MarkOrderShippedPayload';
  /** The order after the change; null when refused. */
  order?: Maybe<Order>;
  /** Why the shipment was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** Who a message is from. */
export type MessageDirection =
  /** From the buyer (relayed by a marketplace key). */
  | 'BUYER'
  /** From the marketplace (relayed by a marketplace key or an operator). */
  | 'PLATFORM'
  /** From the seller to the buyer. */
  | 'SELLER';

/** An amount of money: integer minor units (cents, fen) and a currency. Never a float. */
export type Money = {
  __typename?: 'Money';
  /** Amount in the currency's minor units, e.g. 1999 for 19.99 USD, 500 for 500 JPY, 1500 for 1.500 KWD; up to 2^53 − 1. */
  amountMinor: Scalars['MinorUnits']['output'];
  /** ISO 4217 currency. */
  currency: Scalars['CurrencyCode']['output'];
  /** The amount for people in the reader's language: `CN¥1,234.50` in English, `¥1,234.50` in Chinese (see `Language`). */
  formatted: Scalars['String']['output'];
};

/** An amount of money as input: integer minor units and a currency. */
export type MoneyInput = {
  /** Amount in minor units, an integer from 0 to 2^53 − 1: 1999 for 19.99 USD, 2500000000 for IDR 25,000,000.00. */
  amountMinor: Scalars['MinorUnits']['input'];
  /** ISO 4217 currency. An order's buyerTotal takes one in use (INVALID_INPUT for one withdrawn, such as HRK or BGN); every other amount is compared with the currency on record, the order's or the seller's settlement currency (CURRENCY_MISMATCH), so an order or seller kept in a currency since withdrawn still takes its refunds, offers and deposits in it. */
  currency: Scalars['CurrencyCode']['input'];
};

/** Settled sales of one calendar month of an unlimited deposit's sustained-sales rule. */
export type MonthlySales = {
  __typename?: 'MonthlySales';
  /** Whether the month counts toward the rule: its sales reached the minimum, and the deposit was held from the month's first instant. */
  meetsRule: Scalars['Boolean']['output'];
  /** `YYYY-MM` in the seller's time zone. */
  month: Scalars['String']['output'];
  /** Settled sales that month, net of cancellations and refunds. */
  sales: Money;
};

/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Applies for the refund of a deposit, with evidence. Refused with `NOT_ELIGIBLE` (the blockers'
   * sentences) when the refund rules are not met, `MISSING_DOCUMENTS` (naming them) when required
   * evidence is absent or one file (the same reference or the same checksum) is given as two required kinds,
   * `APPLICATION_ALREADY_OPEN` while another application waits. The deposit becomes `REFUND_REQUESTED`. The seller's side: seller keys and read-write partner keys.
   */
  applyForDepositRefund: ApplyForDepositRefundPayload;
  /** Cancels an order that has not shipped. The seller's side (seller, partner keys) and operators may; a marketplace key may for the sellers it serves, relaying the buyer's cancellation request made through the marketplace (another seller's order is NOT_FOUND). The order keeps who recorded it (`Order.cancelledBy`): the seller's side's cancellations count in its SELLER_CANCELLATION_RATE whatever the reason; the platform's do unless the reason is BUYER_REQUESTED or SUSPECTED_FRAUD; an order cancelled after `shipBy` counts against the late-shipment rate, once, whether or not the late-order job had flagged it. In the same transaction, the order's late-shipment incident (the late-order job's case, reason LATE_SHIPMENT and source SYSTEM) is resolved ORDER_CANCELLED when it awaits the seller or the buyer (or was escalated before escalation was refused there); one with an offer awaiting the buyer stays as it is, for the seller to resolve as ORDER_CANCELLED once the offer is answered or lapses. The order's other cases stay open. */
  cancelOrder: CancelOrderPayload;
  /** The buyer gives up a return not shipped yet (relayed by a marketplace key); the seller must answer the case again. */
  cancelReturn: CancelReturnPayload;
  /** The marketplace (or an operator) closes a resolved case; nothing changes it afterwards. */
  closeCase: CloseCasePayload;
  /** The seller confirms the returned goods arrived, by the return's receiveBy; the refund or the replacement is then due by settleBy. */
  confirmReturnReceived: ConfirmReturnReceivedPayload;
  /** Issues an API key (operators only). The secret is in this answer only; only its SHA-256 hash is stored. */
  createApiKey: CreateApiKeyPayload;
  /** Records an order the marketplace reported, awaiting shipment or, with `shipment`, already shipped. A second order with the same `marketplaceOrderId` for the seller is refused with `DUPLICATE_ORDER` naming the existing order. */
  createOrder: CreateOrderPayload;
  /** Onboards a seller (operators only: sellers are created by the platform). The settlement currency and the IANA time zone are validated; a seller with the same id is refused with `DUPLICATE_SELLER`. Issue the seller's key next with `createApiKey`. */
  createSeller: CreateSellerPayload;
  /**
   * Decides a pending refund application: approve in full (the deposit becomes `REFUNDED`), approve
   * part of it with the reason for the deduction (`PARTIALLY_REFUNDED`; never above the deposit), or
   * deny with a reason (the deposit is `HELD` again). Decided once: a decided application is
   * `INVALID_TRANSITION`. An approved part above the deposit is `AMOUNT_ABOVE_DEPOSIT`, one in another
   * currency `CURRENCY_MISMATCH`, an unknown application `NOT_FOUND`. Operator keys only; any other key
   * is refused with `FORBIDDEN`.
   */
  decideDepositRefund: DecideDepositRefundPayload;
  /**
   * Deletes an endpoint for good: it receives nothing more, its scope's cap (10) has room for one more
   * at once, and its deliveries still waiting (pending or retrying) are never sent: the next retry run
   * settles each as GAVE_UP (ENDPOINT_UNAVAILABLE). Its delivery log is no longer listed. Whoever may
   * change the endpoint may delete it (the seller, the partner that registered it, operators), except one
   * switched off by a role above the caller's (`disabledBy`): deleting would lift the switch-off, so a
   * partner tool does not delete what its seller switched off, nor a seller what an operator did
   * (`INVALID_TRANSITION`, naming who may enable or delete it). Marketplace keys and read-only partner
   * keys: FORBIDDEN. An endpoint already gone is NOT_FOUND.
   */
  deleteWebhookEndpoint: DeleteWebhookEndpointPayload;
  /** Switches an endpoint off (`disabledReason` `BY_OWNER`, `disabledBy` the caller's role): it receives nothing until enabled again. */
  disableWebhookEndpoint: DisableWebhookEndpointPayload;
  /** Switches an endpoint on again: how an owner recovers one switched off after repeated failures, once its receiver works. Refused (`INVALID_TRANSITION`) when it was switched off by a role above the caller's (`disabledBy`): a partner tool does not switch on what its seller switched off, nor a seller what an operator did. Also refused (`INVALID_TRANSITION`, naming the cause) for an endpoint shown DISABLED with `OWNER_ACCESS_ENDED`: its partner tool lost the seller, so only a new endpoint registered with a live key granted the seller, or deleting this one, helps. An endpoint whose key is revoked (`KEY_REVOKED`, or any switch-off of an endpoint that answers to a revoked key) becomes the caller's when switched on: it never delivers under a revoked key again. */
  enableWebhookEndpoint: EnableWebhookEndpointPayload;
  /** The buyer asks the platform to arbitrate (relayed by a marketplace key); a pending offer counts as declined. Never the late-shipment incident (reason LATE_SHIPMENT, source SYSTEM), the seller's tracking of an order that has not shipped, which the platform does not decide: INVALID_TRANSITION, nothing written; a buyer's complaint about the delay is its own dispute (openCase with reason LATE_SHIPMENT and source BUYER), which can be escalated. */
  escalateCase: EscalateCasePayload;
  /** Marks an unshipped order for expedited handling (faster processing and shipping): the second step of a late order's remedy plan. An order already marked is refused (INVALID_TRANSITION), unless its mark was made before the order's last 24 hours to ship and those hours have begun (or the order is late): it is then marked again, `expeditedAt` moves to now, and the risk score credits the new mark (it credits only a mark made once the order was at risk). */
  expediteOrder: ExpediteOrderPayload;
  /** Records up to 100 orders at once. Each order stands alone against the rules and is reported as created, duplicate (naming the existing order) or rejected (with its errors), or, when the writes are so slow that the request's time runs short, not attempted (nothing written: send the request again under the same key to go on). An order that does not match the input types (a fractional amount, a missing required field) fails the whole request before anything is written, as any GraphQL input does: the error names its path (`input.orders[i]…`). */
  importOrders: ImportOrdersPayload;
  /** Offers the buyer compensation (coupon, discount, partial refund, gift, free shipping) or a return (REFUND_WITH_RETURN: money back on receipt of the goods; REPLACEMENT_WITH_RETURN: an exchange) within policy, valid until expiresAt. One open offer per case; no offer while a return is under way. No return offer on a dispute about goods the buyer never received (NOT_RECEIVED, NOT_SHIPPED, LATE_SHIPMENT): `INVALID_TRANSITION`. */
  makeCompensationOffer: MakeCompensationOfferPayload;
  /** Records the delivery of a shipped order. */
  markOrderDelivered: MarkOrderDeliveredPayload;
  /** Records the shipment of an order that awaits shipment: carrier and tracking number. */
  markOrderShipped: MarkOrderShippedPayload;
  /** Opens a case on an order: a buyer dispute (relayed by a marketplace key, source BUYER) or a system case. The buyer's claim text becomes the first message. An order has at most 20 open cases opened by each side: the buyer's disputes, the system cases of the seller's side (seller and partner keys), and the system cases of the platform (marketplace and operator keys); a side at its cap is refused with `LIMIT_REACHED`, whatever the other sides opened. Each side also opens at most 50 cases on one order in all, open or closed (`LIMIT_REACHED` past them; the late-order job's case is not counted). The buyer has one open dispute per reason: another with the reason of an open one is refused with `DUPLICATE_CASE` naming it (a dispute for another reason opens, and the same reason opens again once that case is resolved or closed). */
  openCase: OpenCasePayload;
  /** Adds a message to a case: SELLER (the seller's answer; the first sets firstResponseAt), BUYER or PLATFORM (relayed by a marketplace key). */
  postCaseMessage: PostCaseMessagePayload;
  /** Records a security deposit a seller paid: limited-term (a term and a sales target) or unlimited (a sustained-sales rule). Amounts are in the seller's settlement currency. Operators only: the amount, kind, term and sales target are the platform's terms; sellers read them and apply for refunds (FORBIDDEN for any other key). A deposit records one payment: a second deposit of the seller with the same kind, amount and currency and the same `paidAt` instant (a retry without an `idempotencyKey`, or a concurrent call) is refused with `DUPLICATE_DEPOSIT` naming the deposit already recorded, and nothing is written. */
  recordDeposit: RecordDepositPayload;
  /** Records a remedy the seller gave (refund, replacement, resend, expedited shipping, apology, support ticket). Refunds never exceed what the buyer paid across the order's cases. A remedy addressed to the buyer is the seller's answer (AWAITING_SELLER becomes AWAITING_BUYER, firstResponseAt is set, unanswered buyer messages are cleared); a PLATFORM_SUPPORT_TICKET or EXPEDITED_SHIPPING remedy is not: the case keeps its status and still awaits the seller's answer by respondBy. A refund's `reference` (the marketplace's refund id) names one refund: sent again with the same kind and amount, even under another idempotency key, it answers the case with the refund already recorded and writes nothing; with another kind or amount, or on another case of the order, it is refused with `DUPLICATE_REFUND`. While the case's return is open, a remedy that gives money back (FULL_REFUND, PARTIAL_REFUND, RETURN_AND_REFUND) is refused with `INVALID_TRANSITION`: the return refunds through `refundReturn`. Remedies are never withdrawn. */
  recordRemedy: RecordRemedyPayload;
  /** Records what went wrong with an order's shipping. The cause decides the remedy plan; a system error needs the platform support ticket. */
  recordShippingIncident: RecordShippingIncidentPayload;
  /** Records a violation against a seller; violations can block deposit refunds. Operator keys only; any other key is refused with `FORBIDDEN`. A violation is recorded once: a second one of the seller with the same kind, severity and `occurredAt` instant while the first is in force (a retry without an `idempotencyKey`, or a concurrent call; the note may differ) is refused with `DUPLICATE_VIOLATION` naming the violation already recorded, and nothing is written. Once that violation is voided, the same violation may be recorded again. */
  recordViolation: RecordViolationPayload;
  /** Sends an event to an endpoint once more, whether it was delivered, given up or never sent there: a new delivery of the same body (PENDING; the next retry run, within a minute, sends it, in its object's order). The endpoint must be enabled and subscribe to the event's type; while a delivery of the event to the endpoint still waits (PENDING or RETRYING), LIMIT_REACHED; so is an 11th redelivery of the event to the endpoint within the log's 30 days (at most 10). Only the endpoint's owner side (the seller, the partner that registered it, operators); marketplace keys and read-only partner keys: FORBIDDEN. */
  redeliverWebhookEvent: RedeliverWebhookEventPayload;
  /** The seller refunds a received return (REFUND_WITH_RETURN): the offered amount moves into the order's refunds, never past what the buyer paid; the case is resolved RETURNED_AND_REFUNDED. */
  refundReturn: RefundReturnPayload;
  /**
   * Registers a webhook endpoint: the server POSTs the scope's events of the chosen types to `url`,
   * signed with the signing secret in this answer (shown again only to a retry with the same
   * `idempotencyKey`, credential and input within 24 hours; no read shows it). The scope is one seller (`sellerId`; implied by a seller key; a read-write partner
   * key names a seller it is granted) or, for operators leaving `sellerId` out, the operator-level
   * events. `url` is https, without credentials, on port 443 or 1024–65535, not a literal private, loopback or
   * link-local address (`WEBHOOK_URL_REFUSED`); `http://localhost` only where the deployment allows local
   * endpoints (development). At most 10 endpoints per scope, and at most 3 of a seller's registered by one partner
   * key, so that one tool cannot take the seller's places (`LIMIT_REACHED`). Not while a switch-off
   * above the caller stands (`INVALID_TRANSITION`, naming the endpoint): a partner key while an endpoint it
   * registered for the seller stands switched off by the seller or an operator (`disabledBy`), a seller
   * while any endpoint of its scope stands switched off by an operator, until they enable or delete it; a
   * switch-off after repeated failures holds nothing back. Marketplace keys and read-only partner keys:
   * FORBIDDEN.
   */
  registerWebhookEndpoint: RegisterWebhookEndpointPayload;
  /** The platform's report that the carrier does not know a shipped order's tracking number (no scan ever showed up): a marketplace or operator key only, never the seller's side (FORBIDDEN). The shipment leaves the seller's valid-tracking count (`VALID_TRACKING_RATE`) on the day it shipped, in the same transaction as the order, with the event `ORDER_TRACKING_INVALID`. Once per order: reporting it again, even under another idempotency key, answers the order as it is and writes nothing. Refused with `INVALID_TRANSITION` for an order that has not shipped, and with `INVALID_INPUT` for a number the order does not carry (compared as carriers read it: case and dashes aside). */
  reportInvalidTracking: ReportInvalidTrackingPayload;
  /** Resolves a case with an outcome; the outcome decides who may: the seller settles (REFUNDED, REPLACED, RETURNED_AND_REFUNDED, each once the remedy it names is recorded on the case; on a buyer's case, never REPLACED: INVALID_TRANSITION, as a replacement settles a buyer's dispute only through the buyer, by an exchange offer it accepts (REPLACEMENT_WITH_RETURN, which shipReplacement resolves REPLACED) or by withdrawing once the goods arrived, or by the platform's decision; REFUNDED and RETURNED_AND_REFUNDED also once the money given back on it (refunds, partial refunds and discounts the buyer accepted, returns refunded) covers the buyer's claimAmount (on a buyer's claim about the order's delay, reason NOT_SHIPPED, NOT_RECEIVED or LATE_SHIPMENT, what was given back on the order's other cases about the delay counts too (refunds, partial refunds and discounts the buyer accepted, returns refunded, the platform's refund), the late-shipment incident's included), money given back on those cases then also backing REFUNDED, or, with no amount claimed, once nothing is left to refund on the order: INVALID_TRANSITION before; REFUNDED also, with no refund on the case, once the order's whole payment was refunded on its other cases (nothing held for a return), when no refund can be recorded on it; settling for less is a compensation offer the buyer accepts; SHIPPED closes the late-shipment incident, reason LATE_SHIPMENT and source SYSTEM, never a buyer's dispute, once the order shipped with tracking and the remedy plan's steps other than the compensation are done: INVALID_TRANSITION naming what is missing before; ORDER_CANCELLED closes the same incident, never a buyer's dispute, once the order is cancelled: INVALID_TRANSITION before; the late-shipment incident closes only as SHIPPED or ORDER_CANCELLED: REFUNDED, REPLACED and RETURNED_AND_REFUNDED there are INVALID_TRANSITION whatever is on record, so a token refund or a resend cannot end the tracking of an order that never shipped; an order refunded in full that will not ship is cancelled, cancelOrder, which closes the incident; an incident escalated before escalation was refused there is closed so all the same), the buyer withdraws (BUYER_WITHDREW), an operator decides an escalated case for the platform, with a `note` saying why (INVALID_INPUT without one, writing nothing) (DECIDED_FOR_SELLER, which moves no money; DECIDED_FOR_BUYER, which refunds the buyer out of the order's money in the same transaction, `platformRefund`, or by default what the buyer claimed less the seller's refunds on the case (on a buyer's claim about the order's delay, reason NOT_SHIPPED, NOT_RECEIVED or LATE_SHIPMENT, what was given back on the order's other cases about the delay counts too (refunds, partial refunds and discounts the buyer accepted, returns refunded, the platform's refund), the late-shipment incident's included), else the refund the case's open return agreed, else all that is refundable, and once the open return's goods are shipped back or received at least that return's refund (an exchange never shipped: all that is refundable), capped at what is refundable, an open return's hold, received goods included, released into it; a default of 0 only because other cases' returns hold the order's money is AMOUNT_ABOVE_POLICY, writing nothing, while a claim those refunds already cover is decided with no refund; FORBIDDEN to marketplace keys, which escalate for the buyer). The late-shipment incident ends only SHIPPED or ORDER_CANCELLED through every path, so nothing ends the tracking of an order that never shipped: BUYER_WITHDREW, DECIDED_FOR_SELLER and DECIDED_FOR_BUYER there are INVALID_TRANSITION too (a decision for the buyer would refund the whole order while it can still ship); the buyer's claim about the delay is its own dispute, which the buyer withdraws and the platform decides. */
  resolveCase: ResolveCasePayload;
  /** The buyer's answer to the pending offer, relayed by a marketplace key. Accepting resolves the case (on the late-shipment incident only once the order shipped with tracking and the remedy plan's other required steps are done; before, the compensation step is done and the incident awaits the buyer until the seller closes it SHIPPED or ORDER_CANCELLED), or for a REFUND_WITH_RETURN or REPLACEMENT_WITH_RETURN offer starts a return (the case is RETURN_IN_PROGRESS until the return ends); an offer past its expiresAt is neither accepted nor declined: OFFER_EXPIRED, before and after the case-deadline job records it EXPIRED. Declining puts the case back with the seller: its respondBy restarts from the decline, unless the buyer wrote while the offer was pending and that message is still unanswered; then the respondBy the message set and its overdue mark stay, as when the seller withdraws the offer or it lapses. A seller cannot answer its own offer. */
  respondToCompensationOffer: RespondToCompensationOfferPayload;
  /**
   * Revokes an API key (operators only); it stops working at once. In the same transaction, every webhook
   * endpoint the key registered that is still `ENABLED`, in any scope, is switched off (`KEY_REVOKED`, by
   * `SYSTEM`), with a `WEBHOOK_ENDPOINT_DISABLED` event each, and listed in the answer; their waiting deliveries
   * are never sent. At most 40 per call: when `moreWebhookEndpointsToDisable` is true, call it again for the key
   * (already revoked, it then switches off the next ones; with none left it is refused `INVALID_TRANSITION`).
   */
  revokeApiKey: RevokeApiKeyPayload;
  /**
   * Gives an endpoint a new signing secret, shown in this answer only. The previous secret keeps
   * signing (every delivery carries both signatures) for `overlapHours` (24 by default, at most 168),
   * so the receiver can switch at any moment of that window; an older secret still in an earlier
   * overlap stops at once.
   */
  rotateWebhookSecret: RotateWebhookSecretPayload;
  /** Changes the language a seller reads texts in (the seller, a read-write partner tool acting for it, or an operator). Setting the language it already has changes nothing. */
  setSellerLanguage: SetSellerLanguagePayload;
  /** The seller ships the replacement of a received exchange (REPLACEMENT_WITH_RETURN), with carrier and tracking number; the case is resolved REPLACED. */
  shipReplacement: ShipReplacementPayload;
  /** The buyer has shipped the goods of a return back, with the carrier and tracking number (relayed by a marketplace key), by the return's shipBackBy. */
  shipReturn: ShipReturnPayload;
  /** Submits one piece of evidence to a case for one side: a typed reference (an https URL or an object key, never the file) with an optional description. Each credential submits only for its own side: seller and read-write partner keys the seller's, marketplace keys the buyer's or the platform's, operators the platform's (`FORBIDDEN` otherwise). Refused with `INVALID_TRANSITION` once the case is resolved or closed, and with `LIMIT_REACHED` when the side has submitted its cap (6 for the seller and for the buyer, 5 for the platform, of which a marketplace key submits at most 3: the other 2 are kept for the operator who decides the case). Evidence is never withdrawn: the platform decides on what both sides saw; a correction is a new piece whose description says what it replaces. A piece with the side, kind and reference of one the case already keeps is that piece: the mutation answers it (in `evidence`) and writes nothing, even under another idempotency key, so a retry takes no slot. The case's state does not move, and a submission is not the seller's answer to the buyer. The reference and the description are redacted 730 days after submission, like a deposit application's documents. */
  submitCaseEvidence: SubmitCaseEvidencePayload;
  /** Changes an endpoint's URL (the same rules as at registration) and/or its event types; the signing secret stays. The next attempt uses them: deliveries still waiting of a type no longer subscribed are given up unsent (a redelivery still goes). A new URL makes the endpoint the calling credential's, as if it had registered it: revoking that key switches the endpoint off (KEY_REVOKED), and a partner tool no longer sees an endpoint its seller or an operator pointed elsewhere. */
  updateWebhookEndpoint: UpdateWebhookEndpointPayload;
  /**
   * Voids a violation recorded by mistake. The violation is kept for audit with `voidedAt`, `voidedBy` and
   * `voidReason`, but from then on it blocks no deposit refund and no longer counts in the seller's risk score
   * (the `VIOLATIONS` factor) or health; a refund refused because of it can be applied for again. Refused with
   * `NOT_FOUND` for an id the seller has no violation under, and `VIOLATION_ALREADY_VOIDED` when it was voided
   * already (a retry under the same `idempotencyKey` answers the first result again). Records `VIOLATION_VOIDED`.
   * Operator keys only; any other key is refused with `FORBIDDEN`.
   */
  voidViolation: VoidViolationPayload;
  /** The seller takes its pending offer back, before its expiresAt (an offer past it has lapsed: OFFER_EXPIRED, before and after the case-deadline job records it EXPIRED). */
  withdrawCompensationOffer: WithdrawCompensationOfferPayload;
  /** Withdraws the platform's report that the carrier does not know an order's tracking number (a scan turned up, the report named the wrong order): the same authority as `reportInvalidTracking`, a marketplace or operator key only (FORBIDDEN to the seller's side). Clears `trackingInvalidAt`, and the shipment counts again in the seller's valid-tracking count (`VALID_TRACKING_RATE`) on the day it shipped, in the same transaction as the order (under its version), with the event `ORDER_TRACKING_REPORT_WITHDRAWN` carrying the reason. A new report after it counts the shipment out again, once. Refused with `TRACKING_NOT_REPORTED_INVALID` when no report stands (never reported, or withdrawn already), writing nothing. */
  withdrawInvalidTrackingReport: WithdrawInvalidTrackingReportPayload;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationApplyForDepositRefundArgs = {
  input: ApplyForDepositRefundInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationCancelOrderArgs = {
  input: CancelOrderInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationCancelReturnArgs = {
  input: CancelReturnInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationCloseCaseArgs = {
  input: CloseCaseInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationConfirmReturnReceivedArgs = {
  input: ConfirmReturnReceivedInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationCreateOrderArgs = {
  input: CreateOrderInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationCreateSellerArgs = {
  input: CreateSellerInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationDecideDepositRefundArgs = {
  input: DecideDepositRefundInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationDeleteWebhookEndpointArgs = {
  input: DeleteWebhookEndpointInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationDisableWebhookEndpointArgs = {
  input: DisableWebhookEndpointInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationEnableWebhookEndpointArgs = {
  input: EnableWebhookEndpointInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationEscalateCaseArgs = {
  input: EscalateCaseInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationExpediteOrderArgs = {
  input: ExpediteOrderInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationImportOrdersArgs = {
  input: ImportOrdersInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationMakeCompensationOfferArgs = {
  input: MakeCompensationOfferInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationMarkOrderDeliveredArgs = {
  input: MarkOrderDeliveredInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationMarkOrderShippedArgs = {
  input: MarkOrderShippedInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationOpenCaseArgs = {
  input: OpenCaseInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationPostCaseMessageArgs = {
  input: PostCaseMessageInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationRecordDepositArgs = {
  input: RecordDepositInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationRecordRemedyArgs = {
  input: RecordRemedyInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationRecordShippingIncidentArgs = {
  input: RecordShippingIncidentInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationRecordViolationArgs = {
  input: RecordViolationInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationRedeliverWebhookEventArgs = {
  input: RedeliverWebhookEventInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationRefundReturnArgs = {
  input: RefundReturnInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationRegisterWebhookEndpointArgs = {
  input: RegisterWebhookEndpointInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationReportInvalidTrackingArgs = {
  input: ReportInvalidTrackingInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationResolveCaseArgs = {
  input: ResolveCaseInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationRespondToCompensationOfferArgs = {
  input: RespondToCompensationOfferInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationRevokeApiKeyArgs = {
  input: RevokeApiKeyInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationRotateWebhookSecretArgs = {
  input: RotateWebhookSecretInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationSetSellerLanguageArgs = {
  input: SetSellerLanguageInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationShipReplacementArgs = {
  input: ShipReplacementInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationShipReturnArgs = {
  input: ShipReturnInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationSubmitCaseEvidenceArgs = {
  input: SubmitCaseEvidenceInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationUpdateWebhookEndpointArgs = {
  input: UpdateWebhookEndpointInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationVoidViolationArgs = {
  input: VoidViolationInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationWithdrawCompensationOfferArgs = {
  input: WithdrawCompensationOfferInput;
};


/** Write operations. Each takes one `input` and answers a payload whose `userErrors` explain any refusal; a refused mutation writes nothing. */
export type MutationWithdrawInvalidTrackingReportArgs = {
  input: WithdrawInvalidTrackingReportInput;
};

/** The state of a compensation offer. */
export type OfferStatus =
  /** The buyer accepted it. */
  | 'ACCEPTED'
  /** The buyer declined it (or escalated). */
  | 'DECLINED'
  /** It passed expiresAt unanswered. */
  | 'EXPIRED'
  /** Waiting for the buyer. */
  | 'PENDING'
  /** The seller took it back. */
  | 'WITHDRAWN';

/** A case to open. */
export type OpenCaseInput = {
  /** What the buyer claims, in the order currency, at most what the buyer paid. */
  claimAmount?: InputMaybe<MoneyInput>;
  /** The buyer's complaint in their words (buyer cases only); becomes the first message. */
  claimText?: InputMaybe<Scalars['String']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The order the case is about. */
  orderId: Scalars['ID']['input'];
  /** Why. */
  reason: CaseReason;
  /** BUYER (a marketplace key relays the buyer's dispute) or SYSTEM. */
  source: CaseSource;
};

/** The answer to `openCase`. */
export type OpenCasePayload = {
  __typename?: 'OpenCasePayload';
  /** The case after the change; null when refused. */
  case?: Maybe<Case>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** An order on a marketplace, with the one deadline this service watches: `shipBy`. */
export type Order = {
  __typename?: 'Order';
  /** Unshipped, `shipBy` not passed yet but within the at-risk window (24 h by default), at the moment of reading. */
  atRisk: Scalars['Boolean']['output'];
  /** When the late-order job saw the order enter the at-risk window; null if it has not. */
  atRiskFlaggedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The buyer's country. */
  buyerCountry: Scalars['CountryCode']['output'];
  /** What the buyer paid, in the order currency. Refunds never exceed it, and goodwill (compensation) fits only in what the buyer has not got back. Money back is never reduced by goodwill given before it: a refund owed after a coupon is paid in full. */
  buyerTotal: Money;
  /** Why the order was cancelled, in the words of whoever recorded it (`cancelledBy`). */
  cancelReason?: Maybe<CancelReason>;
  /** When the order was cancelled. */
  cancelledAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who recorded the cancellation; with `cancelReason` it decides whether the order counts in the seller's SELLER_CANCELLATION_RATE. Null while the order is not cancelled. */
  cancelledBy?: Maybe<CancelledBy>;
  /** The carrier, e.g. `Cainiao`, `DHL`. */
  carrier?: Maybe<Scalars['String']['output']>;
  /** Accepted goodwill so far (coupons for a next purchase, gifts, free shipping), across all the order's cases. */
  compensated: Money;
  /** When the order was recorded here. */
  createdAt: Scalars['DateTime']['output'];
  /** When the order was delivered. */
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  /** Whether the order is marked for expedited handling. */
  expedited: Scalars['Boolean']['output'];
  /** When the order was marked expedited: the latest mark (`expediteOrder`). */
  expeditedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Handling time in calendar days in the seller's time zone, when `shipBy` was derived from it; null when `shipBy` was given. */
  handlingDays?: Maybe<Scalars['Int']['output']>;
  /** Held for the refunds of returns the buyer accepted (REFUND_WITH_RETURN) that are still open: each return's amount, from its acceptance until it is refunded (then counted in `refunded`) or ends without a refund (cancelled, expired, voided by the platform's decision). No other refund on the order can use it. A return accepted before this release holds nothing. */
  heldForReturns: Money;
  /** The order's id in this service. */
  id: Scalars['ID']['output'];
  /** The shipping incidents recorded on the order, oldest first. */
  incidents: Array<ShippingIncident>;
  /** What the buyer ordered. */
  items: Array<OrderItem>;
  /** Unshipped and past `shipBy`, at the moment of reading. */
  late: Scalars['Boolean']['output'];
  /** When the late-order job flagged the order late and opened its late-shipment case; null if it has not. */
  lateFlaggedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The marketplace's own order id; unique per seller. */
  marketplaceOrderId: Scalars['String']['output'];
  /** When the buyer placed the order. */
  placedAt: Scalars['DateTime']['output'];
  /** What can still be refunded (refunds, partial-refund and discount offers, a return's refund): what the buyer paid minus refunds and minus what is held for open refund returns (`heldForReturns`); 0 on a CANCELLED order, whose cancellation refunded the buyer (refunds and money-back offers on its cases are refused INVALID_TRANSITION). Accepted goodwill (`compensated`) takes none of it; goodwill itself fits only in what the buyer has not got back (paid − refunded − held − compensated), so goodwill never takes refunds plus compensation past what the buyer paid, and is still offered on a cancelled order. A refund owed after goodwill is still paid in full. */
  refundable: Money;
  /** Refunded to the buyer so far, across all the order's cases: refunds, accepted partial-refund offers, accepted discounts on this order (from this release; a discount accepted before it counts in `compensated`), returns refunded. */
  refunded: Money;
  /** The recommended steps to recover a late or forgotten order, each marked done once its record exists; null when the order needs none: not late, not shipped or flagged late, and no incident while it awaits shipment (an incident on an order that then shipped on time delayed nothing). Computed when read, never stale. */
  remedyPlan?: Maybe<RemedyPlan>;
  /** How likely the order ships late or turns into a dispute, with the reasons (batched for a page of orders). */
  risk: RiskAssessment;
  /** The seller the order belongs to. */
  sellerId: Scalars['ID']['output'];
  /** What the marketplace settles to the seller, in the seller's settlement currency. Sales figures use it. */
  settlementAmount: Money;
  /** The deadline to ship: `placedAt` plus the handling time, or as the marketplace set it. */
  shipBy: Scalars['DateTime']['output'];
  /** When the shipment was declared here (`markOrderShipped`), or, for an order recorded already shipped (`CreateOrderInput.shipment`), its `shippedAt` (now, if that is ahead of our clock); null until shipped, and on orders shipped before it was kept. */
  shipmentDeclaredAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the order was handed to the carrier, as the seller reported it. */
  shippedAt?: Maybe<Scalars['DateTime']['output']>;
  /**
   * Whether the shipment was late: shipped after `shipBy`, or declared (`shipmentDeclaredAt`) only after `shipBy` had
   * passed, whether or not the order had been flagged late yet (a shipment counts from when it is declared, whatever
   * `shippedAt` says). A shipment declared before `shipBy` is on time even with a `shippedAt` after it (a clock ahead of
   * ours). Null until shipped.
   */
  shippedLate?: Maybe<Scalars['Boolean']['output']>;
  /** Where the order is in its life. */
  status: OrderStatus;
  /** Seconds left until `shipBy`, rounded down (negative from the first instant overdue, as `late` is); null once the order no longer awaits shipment. */
  timeLeftSeconds?: Maybe<Scalars['Int']['output']>;
  /** When the marketplace (or an operator) reported that the carrier does not know `trackingNumber` (no scans ever showed up, `reportInvalidTracking`): the shipment does not count as shipped with valid tracking in the seller's health. Null while no one reported it. */
  trackingInvalidAt?: Maybe<Scalars['DateTime']['output']>;
  /** The carrier's tracking number. */
  trackingNumber?: Maybe<Scalars['String']['output']>;
  /** When the order last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Increases by one with every change; pass it as `expectedVersion` to refuse racing updates. A change of one of its cases moves it too when it changes what the order keeps of them: its open cases, refunds and compensation, what it holds for open refund returns, and the seller's first apology, compensation or support ticket about a delay. */
  version: Scalars['Int']['output'];
};

/** A page of orders. */
export type OrderConnection = {
  __typename?: 'OrderConnection';
  /** The orders on this page with their cursors. */
  edges: Array<OrderEdge>;
  /** Where this page is in the list. */
  pageInfo: PageInfo;
};

/** An order and the cursor that resumes the list after it. */
export type OrderEdge = {
  __typename?: 'OrderEdge';
  /** Opaque cursor; pass it as `after` to continue after this order. */
  cursor: Scalars['String']['output'];
  /** The order. */
  node: Order;
};

/** Narrows a list of orders; every given field must hold. */
export type OrderFilter = {
  /** True: only at-risk orders (unshipped, `shipBy` within the window). False: no at-risk orders. */
  atRisk?: InputMaybe<Scalars['Boolean']['input']>;
  /** True: only late orders (unshipped, past `shipBy`). False: no late orders. */
  late?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only orders whose `shipBy` is before this instant. */
  shipByBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only orders in this status. */
  status?: InputMaybe<OrderStatus>;
  /** Only orders whose `updatedAt` is at or after this instant; the list is then in change order, the oldest change first. A change is listed under the instant its request started: to catch up, ask from a few minutes before the largest `updatedAt` you read and deduplicate by `id` and `version`. */
  updatedSince?: InputMaybe<Scalars['DateTime']['input']>;
};

/** One line of an order. */
export type OrderItem = {
  __typename?: 'OrderItem';
  /** How many. */
  quantity: Scalars['Int']['output'];
  /** The seller's stock-keeping unit. */
  sku: Scalars['String']['output'];
  /** The product title. */
  title: Scalars['String']['output'];
  /** Price of one unit in the order currency, when the marketplace reports it. */
  unitPrice?: Maybe<Money>;
};

/** One line of a new order. */
export type OrderItemInput = {
  /** How many, 1 to 10000. */
  quantity: Scalars['Int']['input'];
  /** The seller's stock-keeping unit, 1 to 64 characters. */
  sku: Scalars['String']['input'];
  /** The product title, 1 to 200 characters. */
  title: Scalars['String']['input'];
  /** Price of one unit, in the order currency. */
  unitPrice?: InputMaybe<MoneyInput>;
};

/** The shipment of an order recorded after it shipped: what `markOrderShipped` takes, with when it really shipped. */
export type OrderShipmentInput = {
  /** The carrier, 1 to 64 characters. */
  carrier: Scalars['String']['input'];
  /** When it was handed over: not in the future, not before `placedAt`. */
  shippedAt: Scalars['DateTime']['input'];
  /** The tracking number: up to 64 characters, at least 4 letters or digits, with single dashes only between them. */
  trackingNumber: Scalars['String']['input'];
};

/** How a list of orders is sorted. */
export type OrderSort =
  /** Earliest ship-by deadline first: the most urgent first. */
  | 'SHIP_BY_ASC'
  /** Latest ship-by deadline first: the newest orders first. */
  | 'SHIP_BY_DESC';

/** Where an order is in its life. */
export type OrderStatus =
  /** Placed, not shipped yet: the ship-by deadline is running. */
  | 'AWAITING_SHIPMENT'
  /** Cancelled before shipment. */
  | 'CANCELLED'
  /** Delivered to the buyer. */
  | 'DELIVERED'
  /** Handed to a carrier with a tracking number. */
  | 'SHIPPED';

/** Where a page is in its list (Relay). */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor to pass as `after` for the next page; null when a page has no edges and nothing follows (on `events`, such a page hands back its `after` instead). */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether items precede this page (true whenever the page was requested with `after`). */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first edge. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A message to post. */
export type PostCaseMessageInput = {
  /** The text, 1 to 5000 characters. */
  body: Scalars['String']['input'];
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** Who writes. */
  direction: MessageDirection;
  /** Refuse with VERSION_CONFLICT unless the case is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

/** The answer to `postCaseMessage`. */
export type PostCaseMessagePayload = {
  __typename?: 'PostCaseMessagePayload';
  /** The case after the change; null when refused. */
  case?: Maybe<Case>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type Query = {
  __typename?: 'Query';
  /** Every API key, oldest first, never a secret (operators only). */
  apiKeys: ApiKeyConnection;
  /** One case (a buyer dispute or a late-shipment incident) by its id. Null when it does not exist or belongs to a seller the caller may not see. */
  case?: Maybe<Case>;
  /** A case's risk of escalating to the platform. Null when the case is not visible. */
  caseRisk?: Maybe<RiskAssessment>;
  /**
   * The acting seller's cases, one page at a time. With `orderId`, that order's cases, always the
   * newest opened first, whatever else the filter gives; otherwise, with `updatedSince`, the cases
   * changed at or after that instant, the oldest change first; otherwise, with `status`, the nearest
   * response deadline first (the open-case work queue); otherwise the newest first. Pages are read live: a case
   * whose `respondBy` restarts while you page (the seller answered and the buyer wrote back) moves later
   * in the queue and can appear again on a later page, so deduplicate by `id`.
   */
  cases: CaseConnection;
  /**
   * One security deposit by its id. Null when it does not exist or belongs to a seller the caller may not see. Deposits
   * are between the seller and the platform's operators: marketplace keys are refused with `FORBIDDEN`.
   */
  deposit?: Maybe<Deposit>;
  /**
   * The operator's review queue of deposit refund applications in one status, the oldest application
   * first, across all sellers. Operator keys only; any other key is refused with `FORBIDDEN`.
   */
  depositRefundApplications: DepositRefundApplicationConnection;
  /**
   * Whether a deposit can be refunded now and, if not, why and what is missing: blockers with
   * sentences, progress against the sales target or the sustained-sales rule, and the documents an
   * application must carry. Computed when read from the seller's daily sales counters and violations.
   * While an application waits, the answer still holds the rules' verdict now (a violation recorded since the seller
   * applied included), beside `REFUND_ALREADY_REQUESTED`: what the operator reads before deciding it.
   * Null when the deposit does not exist or belongs to a seller the caller may not see; marketplace keys are refused
   * with `FORBIDDEN`. Costs 20 (the reads it makes); aliases for one deposit read them once.
   */
  depositRefundEligibility?: Maybe<DepositRefundEligibility>;
  /** A seller's security deposits, the most recently paid first. Marketplace keys are refused with `FORBIDDEN`. */
  deposits: DepositConnection;
  /**
   * What changed, one event per state change, the oldest first (docs/events.md): the catch-up
   * read for partner tools. Keep `pageInfo.endCursor` and pass it as `after` next time: the list
   * continues exactly after it, in the same order, with nothing skipped. A call with `after` that
   * finds nothing new answers, as `endCursor`, the `after` it was given, so the kept position is never
   * lost. The cursor is bound to the seller, `filter.types` (as a set: order and repeats do not matter)
   * and `filter.objectId`; `since` and `until` may change between calls. Events younger than one
   * minute are not served yet (they appear on a later call): every event that can still commit with
   * an earlier id has committed by then. Events are kept 30 days.
   *
   * Seller keys read their own seller's events; partner and marketplace keys those of a seller they
   * are granted (name it); operators any seller's, or, without `sellerId`, the operator-level events
   * (API keys created and revoked), which belong to no seller. A marketplace key's feed leaves out the
   * seller's deposit and webhook endpoint events, which it may not read (`FORBIDDEN` when asked for those alone).
   */
  events: EventConnection;
  /**
   * The seller's work queue of unshipped orders that are late or at risk, most urgent first: the
   * longest overdue first, then the nearest deadline. Each order carries its `remedyPlan`.
   */
  lateOrders: OrderConnection;
  /**
   * One order, by its id or by the marketplace's own order id (give exactly one). Null when it does
   * not exist or belongs to a seller the caller may not see. A lookup by `marketplaceOrderId` is one
   * key read of the seller's uniqueness guard, never a search through the seller's orders.
   */
  order?: Maybe<Order>;
  /** An order's risk of shipping late or turning into a dispute. Null when the order is not visible. */
  orderRisk?: Maybe<RiskAssessment>;
  /**
   * The acting seller's orders, one page at a time. With `filter.updatedSince`, the orders changed
   * at or after that instant, the oldest change first (`orderBy` does not apply): a partner tool
   * catching up stores the largest `updatedAt` it read and asks again from a few minutes before it (a change is
   * listed under the instant its request started, so one that commits later can sort before what you read), or
   * follows `events`, which is exact.
   */
  orders: OrderConnection;
  /** A seller's profile. Null when it does not exist or the caller may not see it. */
  seller?: Maybe<Seller>;
  /** A seller's risk score from its health metrics and violations; implied by a seller key, required for partner, marketplace and operator keys. Violations are the deposit side's: a marketplace key's score is the metrics' and escalations' alone, with no VIOLATIONS factor. */
  sellerRisk: RiskAssessment;
  /** Every seller, one page at a time, in id order (operators only). */
  sellers: SellerConnection;
  /** Who the calling credential is and what it may do: role, sellers, key id, access. Never secret material. */
  viewer: Viewer;
  /**
   * An endpoint's delivery log, newest event first: every delivery of an event to it, with each
   * attempt (time, outcome, status, duration, the start of the answer), kept 30 days after it
   * settled. Named like the endpoint mutations name an endpoint; only its owner side sees it (the
   * seller and operators every endpoint of the scope, a partner those it registered); an endpoint
   * that is not there for the caller has an empty log. Marketplace keys: FORBIDDEN.
   */
  webhookDeliveries: WebhookDeliveryConnection;
  /**
   * The webhook endpoints of one scope, in id order: `registerWebhookEndpoint` names each `whe_` and a
   * ULID, which begins with the time it was registered, so the endpoints it created come oldest first.
   * Never a signing secret. A seller key sees its own seller's endpoints (every one, whoever registered
   * it); a partner key names a granted seller and sees only the endpoints it registered; operators name
   * any seller, or leave `sellerId` out for the operator endpoints (operator-level events). Marketplace
   * keys: FORBIDDEN.
   */
  webhookEndpoints: WebhookEndpointConnection;
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QueryApiKeysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QueryCaseArgs = {
  id: Scalars['ID']['input'];
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QueryCaseRiskArgs = {
  caseId: Scalars['ID']['input'];
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QueryCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CaseFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sellerId?: InputMaybe<Scalars['ID']['input']>;
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QueryDepositArgs = {
  id: Scalars['ID']['input'];
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QueryDepositRefundApplicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<DepositRefundApplicationStatus>;
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QueryDepositRefundEligibilityArgs = {
  depositId: Scalars['ID']['input'];
  documentKinds?: InputMaybe<Array<EvidenceDocumentKind>>;
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QueryDepositsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sellerId?: InputMaybe<Scalars['ID']['input']>;
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QueryEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<EventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sellerId?: InputMaybe<Scalars['ID']['input']>;
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QueryLateOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sellerId?: InputMaybe<Scalars['ID']['input']>;
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QueryOrderArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  marketplaceOrderId?: InputMaybe<Scalars['String']['input']>;
  sellerId?: InputMaybe<Scalars['ID']['input']>;
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QueryOrderRiskArgs = {
  orderId: Scalars['ID']['input'];
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QueryOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OrderFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<OrderSort>;
  sellerId?: InputMaybe<Scalars['ID']['input']>;
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QuerySellerArgs = {
  id: Scalars['ID']['input'];
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QuerySellerRiskArgs = {
  sellerId?: InputMaybe<Scalars['ID']['input']>;
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QuerySellersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QueryWebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  endpointId: Scalars['ID']['input'];
  eventId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sellerId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<WebhookDeliveryStatus>;
};


/** Read operations. Every query acts for one seller: implicitly for a seller key, through `sellerId` for partner, marketplace and operator keys. */
export type QueryWebhookEndpointsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sellerId?: InputMaybe<Scalars['ID']['input']>;
};

/** A step the model recommends. */
export type RecommendedAction = {
  __typename?: 'RecommendedAction';
  /** Which step. */
  code: RecommendedActionCode;
  /** The step for people. */
  label: Scalars['String']['output'];
};

/** A next step the model recommends; from the remedy plan and the case rules, never free text. */
export type RecommendedActionCode =
  /** Keep stock levels and listings accurate so that no paid order has to be cancelled on your side */
  | 'AVOID_SELLER_CANCELLATIONS'
  /** Contact the buyer now: apologise honestly, explain and offer a solution */
  | 'CONTACT_BUYER'
  /** Ship the order at once with faster shipping and accurate tracking; mark it expedited if it is not, or again if marked before it was at risk */
  | 'EXPEDITE_AND_SHIP'
  /** Once the problem is solved, make a goodwill gesture (a discount or a coupon) */
  | 'GOODWILL_GESTURE'
  /** Ship every order before its ship-by deadline: work the late and at-risk queue daily */
  | 'IMPROVE_LATE_SHIPMENT_RATE'
  /** Make a compensation offer the buyer can accept */
  | 'MAKE_OFFER'
  /** Offer compensation within policy (a coupon, a discount or a partial refund) */
  | 'OFFER_COMPENSATION'
  /** Contact platform support with the order and shipping records and record the ticket */
  | 'PLATFORM_SUPPORT_TICKET'
  /** Reply to the buyer on the case */
  | 'POST_SELLER_MESSAGE'
  /** Give a concrete solution: a refund, a replacement or a return and refund */
  | 'RECORD_REMEDY'
  /** Prevent disputes: check quality and that listings match the items before shipping */
  | 'REDUCE_DISPUTE_RATE'
  /** Answer every case before its respond-by deadline */
  | 'REPLY_WITHIN_DEADLINE'
  /** Review the recorded violations; contact the platform operator to contest one */
  | 'REVIEW_VIOLATIONS'
  /** Confirm the returned goods' receipt, then refund or ship the replacement before the return's deadline */
  | 'SETTLE_RETURN'
  /** Ship the order before its ship-by deadline, with a tracking number */
  | 'SHIP_BEFORE_DEADLINE'
  /** Ship every order with a valid carrier tracking number */
  | 'SHIP_WITH_VALID_TRACKING'
  /** Submit your evidence to the platform: tracking proof, photos, the chat with the buyer, an inspection report */
  | 'SUBMIT_EVIDENCE';

/** A deposit to record. LIMITED_TERM needs `termStart`, `termEnd` and `salesTarget`; UNLIMITED needs `sustainedRule`. */
export type RecordDepositInput = {
  /** What was paid, more than zero, in the seller's settlement currency. */
  amount: MoneyInput;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Which refund rule it follows. */
  kind: DepositKind;
  /** When it was paid; not in the future. */
  paidAt: Scalars['DateTime']['input'];
  /** Limited-term: the sales target for the term, in the seller's settlement currency. Sales are the settled sales of the orders placed in [termStart, termEnd) to the instant (what the marketplace settles for each, nothing for a cancelled order, less the refunds given on those same orders whenever given), never negative; an order recorded once the term had ended, more than 7 days after it was placed, does not count. */
  salesTarget?: InputMaybe<MoneyInput>;
  /** The seller who paid it; operators name it. */
  sellerId?: InputMaybe<Scalars['ID']['input']>;
  /** Unlimited: the sustained-sales rule. */
  sustainedRule?: InputMaybe<SustainedSalesRuleInput>;
  /** Limited-term: when the term ends, after `termStart`. */
  termEnd?: InputMaybe<Scalars['DateTime']['input']>;
  /** Limited-term: when the term starts. */
  termStart?: InputMaybe<Scalars['DateTime']['input']>;
};

/** The answer to `recordDeposit`. */
export type RecordDepositPayload = {
  __typename?: 'RecordDepositPayload';
  /** The new deposit; null when refused. */
  deposit?: Maybe<Deposit>;
  /** Why it was refused (`INVALID_INPUT` or `CURRENCY_MISMATCH` naming the field, `DUPLICATE_DEPOSIT` naming the deposit that records the payment); empty on success. */
  userErrors: Array<UserError>;
};

/** A remedy to record. */
export type RecordRemedyInput = {
  /** For PARTIAL_REFUND (required) and RETURN_AND_REFUND (optional): the refund in the order currency. FULL_REFUND refunds all that is left of the order: an amount given with it must equal that. */
  amount?: InputMaybe<MoneyInput>;
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** Refuse with VERSION_CONFLICT unless the case is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Which remedy. */
  kind: RemedyKind;
  /** A note, at most 1000 characters. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** A reference: required for PLATFORM_SUPPORT_TICKET. For a refund (FULL_REFUND, PARTIAL_REFUND, RETURN_AND_REFUND), the marketplace's refund id, one refund of the order: a refund already recorded under it on this case with the same kind and amount is answered as recorded (nothing is written); otherwise `DUPLICATE_REFUND`. A FULL_REFUND or RETURN_AND_REFUND sent again without an amount is the one recorded. */
  reference?: InputMaybe<Scalars['String']['input']>;
};

/** The answer to `recordRemedy`. */
export type RecordRemedyPayload = {
  __typename?: 'RecordRemedyPayload';
  /** The case after the change; null when refused. */
  case?: Maybe<Case>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A shipping incident to record. */
export type RecordShippingIncidentInput = {
  /** What caused it. */
  cause: IncidentCause;
  /** Refuse with `VERSION_CONFLICT` unless the order is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** What happened, 1 to 2000 characters. */
  note: Scalars['String']['input'];
  /** The order's id. */
  orderId: Scalars['ID']['input'];
  /** The platform support ticket reference, 1 to 128 characters; required for `SYSTEM_ERROR`, optional for `SUSPECTED_PLATFORM_ERROR` (record the incident again with it once support answers). */
  supportTicketRef?: InputMaybe<Scalars['String']['input']>;
};

/** The answer to `recordShippingIncident`. */
export type RecordShippingIncidentPayload = {
  __typename?: 'RecordShippingIncidentPayload';
  /** The order with the incident; null when refused. */
  order?: Maybe<Order>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A violation to record. */
export type RecordViolationInput = {
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** What kind. */
  kind: ViolationKind;
  /** What happened, 1 to 2000 characters. */
  note: Scalars['String']['input'];
  /** When it happened; not in the future (up to 5 minutes ahead is taken as clock skew, and counted from when it is recorded). */
  occurredAt: Scalars['DateTime']['input'];
  /** The seller who committed it. */
  sellerId: Scalars['ID']['input'];
  /** How serious. */
  severity: ViolationSeverity;
};

/** The answer to `recordViolation`. */
export type RecordViolationPayload = {
  __typename?: 'RecordViolationPayload';
  /** Why it was refused (`INVALID_INPUT` naming the field, `DUPLICATE_VIOLATION` naming the violation in force that records it); empty on success. */
  userErrors: Array<UserError>;
  /** The recorded violation; null when refused. */
  violation?: Maybe<Violation>;
};

/** An event to send once more to an endpoint. */
export type RedeliverWebhookEventInput = {
  /** The endpoint (enabled, and subscribed to the event's type). */
  endpointId: Scalars['ID']['input'];
  /** The event (from `events`, or a delivery's `eventId`; events are kept 30 days). */
  eventId: Scalars['ID']['input'];
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h (one redelivery). A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The seller whose endpoint it is: implied by a seller key, required for a partner key; left out by an operator for an operator endpoint. */
  sellerId?: InputMaybe<Scalars['ID']['input']>;
};

/** The answer to `redeliverWebhookEvent`. */
export type RedeliverWebhookEventPayload = {
  __typename?: 'RedeliverWebhookEventPayload';
  /** The new delivery (PENDING: the next retry run sends it, within a minute); null when refused. */
  delivery?: Maybe<WebhookDelivery>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** The seller's refund of a received return: the amount is the offer's. */
export type RefundReturnInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** Refuse with VERSION_CONFLICT unless the case is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The received return. */
  returnId: Scalars['ID']['input'];
};

/** The answer to `refundReturn`. */
export type RefundReturnPayload = {
  __typename?: 'RefundReturnPayload';
  /** The case after the change, with its returns; null when refused. */
  case?: Maybe<Case>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A new webhook endpoint. */
export type RegisterWebhookEndpointInput = {
  /** The event types it receives, at most 64; empty or absent: every type. */
  eventTypes?: InputMaybe<Array<EventType>>;
  /** Same key + same input within 24 h → the same answer, the signing secret included, no second endpoint. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The seller whose events it receives: implied by a seller key, required for a partner key; operators leave it out for the operator-level events. */
  sellerId?: InputMaybe<Scalars['ID']['input']>;
  /** An https URL without credentials, at most 2048 characters (`http://localhost…` in development only). */
  url: Scalars['String']['input'];
};

/** The answer to `registerWebhookEndpoint`. */
export type RegisterWebhookEndpointPayload = {
  __typename?: 'RegisterWebhookEndpointPayload';
  /** The signing secret (`whsec_…`): store it now. Shown in this answer and, for 24 hours, to a retry with the same `idempotencyKey`, credential and input (an answer lost on the way); no read shows it. Null when refused. */
  signingSecret?: Maybe<Scalars['String']['output']>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
  /** The new endpoint; null when refused. */
  webhookEndpoint?: Maybe<WebhookEndpoint>;
};

/** A remedy a seller can give. */
export type RemedyKind =
  /** An apology. */
  | 'APOLOGY'
  /** Faster shipping. */
  | 'EXPEDITED_SHIPPING'
  /** All that is left of what the buyer paid, back. */
  | 'FULL_REFUND'
  /** Part of the payment back (amount required). */
  | 'PARTIAL_REFUND'
  /** A platform support ticket (reference required). */
  | 'PLATFORM_SUPPORT_TICKET'
  /** A replacement or exchange. */
  | 'REPLACEMENT'
  /** The item is sent again. */
  | 'RESEND'
  /** The buyer returns the item and is refunded (amount optional: by default what is left). */
  | 'RETURN_AND_REFUND';

/** The recommended way to recover a late or forgotten order, from the seller guide. */
export type RemedyPlan = {
  __typename?: 'RemedyPlan';
  /** The cause the plan follows: the latest incident's, UNKNOWN when none is recorded. */
  cause: IncidentCause;
  /** True when every step is done. */
  complete: Scalars['Boolean']['output'];
  /** Calendar days late on the seller's calendar (its `timeZone`): from the date of `shipBy` to the date of the shipment as counted (see `RemedyStep.doneAt`), or of now while unshipped. A shipment 2 hours late across the seller's midnight is 1 day late, one late on the day `shipBy` falls on is 0 (as is one not late); a 23- or 25-hour day at a DST change is one day. The compensation suggested follows it (`SuggestedCompensation`). */
  daysLate: Scalars['Int']['output'];
  /** The steps, in the order to take them. A compensation step not offered yet is left out when it cannot be made: nothing left to offer under the policy, before `shipBy`, or once the order's late-shipment case is resolved or closed (the order gets no second one). */
  steps: Array<RemedyStep>;
};

/** One step of a remedy plan. */
export type RemedyStep = {
  __typename?: 'RemedyStep';
  /** Ready-to-send messages for the buyer: English, and the buyer's language where known. A day they name is the buyer's: on the clock of the buyer's country (where its zones differ, the one most of its people keep). */
  buyerMessages: Array<BuyerMessage>;
  /** Which step. */
  code: RemedyStepCode;
  /** Whether the matching record exists (a message, the shipment with tracking, a support ticket, an accepted offer other than an exchange or a return, a refund), on any of the order's cases about the delay: its late-shipment case, or the buyer's NOT_SHIPPED or NOT_RECEIVED dispute. Only what was done once the delay began counts (`shipBy`, or an incident recorded before it): a reply sent while the order was on time is no apology for it. The same as `status: DONE`. */
  done: Scalars['Boolean']['output'];
  /** When it was done. For `EXPEDITE_AND_SHIP`, when the shipment counts, as `daysLate` reads it: a `shippedAt` reported once `shipBy` had passed counts from when the order was first seen late (the late flag, else the declaration). */
  doneAt?: Maybe<Scalars['DateTime']['output']>;
  /** What the seller should do, in one sentence, in the reader's language (see `Language`); dates on the seller's clock. */
  instruction: Scalars['String']['output'];
  /** Where the step is: not due yet (a system error's goodwill gesture before the problem is solved), not started, offered and awaiting the buyer's answer (compensation steps only), or done. */
  status: RemedyStepStatus;
  /** For compensation steps: what to offer. */
  suggestedCompensation?: Maybe<SuggestedCompensation>;
};

/** A step of a remedy plan. */
export type RemedyStepCode =
  /** Contact the buyer, apologise honestly, explain, offer a solution. */
  | 'CONTACT_BUYER'
  /** Mark the order expedited, ship it as soon as possible, give accurate tracking. */
  | 'EXPEDITE_AND_SHIP'
  /** A goodwill gesture once a system problem is solved. */
  | 'GOODWILL_GESTURE'
  /** Offer compensation within policy (coupon, discount, partial refund). */
  | 'OFFER_COMPENSATION'
  /** Contact platform support first with the order and shipping records (system errors, confirmed or suspected); done once a ticket reference is recorded. */
  | 'PLATFORM_SUPPORT_TICKET';

/** Where a remedy plan step is. */
export type RemedyStepStatus =
  /** A compensation offer (not an exchange or a return) made on the order's late-shipment case, or on the buyer's NOT_SHIPPED or NOT_RECEIVED dispute once the order was late, waits for the buyer's answer. */
  | 'AWAITING_BUYER'
  /** The matching record exists: a message, the shipment with tracking, a support ticket, an accepted offer or a refund. */
  | 'DONE'
  /** Not due yet, so no to-do: a system error's goodwill gesture until the problem is solved (the order shipped with tracking), as the guide gives it after. */
  | 'NOT_DUE'
  /** Nothing recorded yet; for a compensation step also after an offer was declined, expired or withdrawn. */
  | 'NOT_STARTED';

/** The platform's report that the carrier does not know an order's tracking number. */
export type ReportInvalidTrackingInput = {
  /** Refuse with `VERSION_CONFLICT` unless the order is still at this version (not checked when the number was already reported). */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The order's id. */
  orderId: Scalars['ID']['input'];
  /** The tracking number the carrier does not know, as the order carries it; case and dashes aside (`1z999aa1-0123` is `1Z999AA10123`). */
  trackingNumber: Scalars['String']['input'];
};

/** The answer to `reportInvalidTracking`. */
export type ReportInvalidTrackingPayload = {
  __typename?: 'ReportInvalidTrackingPayload';
  /** The order with the report; null when refused. */
  order?: Maybe<Order>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A case to resolve. */
export type ResolveCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** Refuse with VERSION_CONFLICT unless the case is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** A note, at most 1000 characters: the timeline entry's `body`, redacted 365 days after it. Required for the platform's decision (DECIDED_FOR_BUYER, DECIDED_FOR_SELLER: INVALID_INPUT without one): the seller answers to it and may appeal it. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** How it ends (COMPENSATION_ACCEPTED comes only from accepting an offer). */
  outcome: CaseOutcome;
  /** DECIDED_FOR_BUYER only (INVALID_INPUT with any other outcome): what the platform refunds the buyer out of the order's money, in the order currency (CURRENCY_MISMATCH otherwise), more than zero (INVALID_INPUT), at most what is refundable on the order counting the hold of this case's own open return, which the decision ends (AMOUNT_ABOVE_POLICY above it). Omitted: what the buyer claimed (claimAmount) less what the seller already refunded on this case (on a buyer's claim about the order's delay, reason NOT_SHIPPED, NOT_RECEIVED or LATE_SHIPMENT, what was given back on the order's other cases about the delay counts too (refunds, partial refunds and discounts the buyer accepted, returns refunded, the platform's refund), the late-shipment incident's included), so the buyer is not paid twice for the same claim; with no claim, the refund this case's open return agreed; with neither, all that is refundable; once the open return's goods are shipped back or received, at least that return's refund (an exchange never shipped: all that is refundable), as the buyer gave the goods up; always capped at what is refundable. A default that comes to 0 only because other cases' returns hold the order's money is refused AMOUNT_ABOVE_POLICY naming the hold (decide once that return ends, or name the amount); one of 0 because the refunds already cover the claim resolves with no refund; one of 0 on an order already refunded in full resolves with no refund. Refused, it writes nothing. */
  platformRefund?: InputMaybe<MoneyInput>;
};

/** The answer to `resolveCase`. */
export type ResolveCasePayload = {
  __typename?: 'ResolveCasePayload';
  /** The case after the change; null when refused. */
  case?: Maybe<Case>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** The buyer's answer to an offer. */
export type RespondToCompensationOfferInput = {
  /** True to accept, false to decline. */
  accept: Scalars['Boolean']['input'];
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** Refuse with VERSION_CONFLICT unless the case is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The pending offer. */
  offerId: Scalars['ID']['input'];
};

/** The answer to `respondToCompensationOffer`. */
export type RespondToCompensationOfferPayload = {
  __typename?: 'RespondToCompensationOfferPayload';
  /** The case after the change; null when refused. */
  case?: Maybe<Case>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A move the caller may make on a return now; the server refuses exactly what is not listed. */
export type ReturnAction =
  /** Give the return up for the buyer (`cancelReturn`, marketplace keys). */
  | 'CANCEL'
  /** Confirm the goods arrived (`confirmReturnReceived`, the seller). */
  | 'CONFIRM_RECEIPT'
  /** End a return not shipped back in time (the case-deadline job only; never listed). */
  | 'EXPIRE'
  /** Flag a seller past receiveBy or settleBy and escalate the case (the case-deadline job only; never listed). */
  | 'FLAG_OVERDUE'
  /** Refund the received return (`refundReturn`, the seller). */
  | 'REFUND'
  /** Ship the goods back for the buyer (`shipReturn`, marketplace keys). */
  | 'SHIP_BACK'
  /** Ship the replacement (`shipReplacement`, the seller). */
  | 'SHIP_REPLACEMENT'
  /** End the open return by deciding the escalated case (`resolveCase`, an operator; never listed). */
  | 'VOID';

/** A parcel of a return: the buyer's shipment back, or the seller's replacement. */
export type ReturnShipment = {
  __typename?: 'ReturnShipment';
  /** The carrier. */
  carrier: Scalars['String']['output'];
  /** When it was recorded as shipped. */
  shippedAt: Scalars['DateTime']['output'];
  /** The carrier's tracking number. */
  trackingNumber: Scalars['String']['output'];
};

/** Where a return is (see packages/core/src/returns/README.md for the full table with sides and deadlines). */
export type ReturnStatus =
  /** The buyer accepted the return offer: the buyer ships the goods back by shipBackBy. */
  | 'AUTHORISED'
  /** Ended: the buyer gave the return up before shipping it, or the platform decided the escalated case. */
  | 'CANCELLED'
  /** Ended: the buyer did not ship the goods back by shipBackBy. */
  | 'EXPIRED'
  /** The seller has the goods: the refund or the replacement is due by settleBy. */
  | 'RECEIVED'
  /** Ended: the seller refunded the offered amount. */
  | 'REFUNDED'
  /** Ended: the seller shipped the replacement. */
  | 'REPLACEMENT_SHIPPED'
  /** The buyer shipped the goods back: the seller confirms receipt by receiveBy. */
  | 'SHIPPED_BACK';

/** A key to revoke. */
export type RevokeApiKeyInput = {
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The key's id. */
  keyId: Scalars['ID']['input'];
};

/** The answer to `revokeApiKey`. */
export type RevokeApiKeyPayload = {
  __typename?: 'RevokeApiKeyPayload';
  /** The key after revocation; null when refused. */
  apiKey?: Maybe<ApiKey>;
  /**
   * The webhook endpoints this call switched off because the key registered them (`KEY_REVOKED`); empty when
   * refused or when it registered none still enabled. Every endpoint records the key that registered it, so none
   * is left out; one already switched off keeps its switch-off and is not listed.
   */
  disabledWebhookEndpoints: Array<WebhookEndpoint>;
  /** Whether the key registered more enabled endpoints than one call switches off: revoke it again. */
  moreWebhookEndpointsToDisable: Scalars['Boolean']['output'];
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A risk score with its reasons. Computed when read: it changes with the clock. */
export type RiskAssessment = {
  __typename?: 'RiskAssessment';
  /** When it was scored. */
  assessedAt: Scalars['DateTime']['output'];
  /** The factors, largest contribution first. */
  factors: Array<RiskFactor>;
  /** The score's band. */
  level: RiskLevel;
  /** The version of the model that scored it. */
  modelVersion: Scalars['String']['output'];
  /** What to do next, most useful first. */
  recommendedActions: Array<RecommendedAction>;
  /** 0 to 100; the sum of the factors' contributions. */
  score: Scalars['Int']['output'];
};

/** One reason behind a risk score. */
export type RiskFactor = {
  __typename?: 'RiskFactor';
  /** What it measures. */
  code: RiskFactorCode;
  /** The points it added; the contributions of all factors add up to the score. */
  contribution: Scalars['Int']['output'];
  /**
   * The value written for people in the reader's language (see `explanation`), e.g. `49.5 hours overdue` /
   * `超时49.5小时`. For reading only: sort, chart and compare by `value` and `unit`.
   */
  display: Scalars['String']['output'];
  /**
   * Why it matters here, in a sentence with the numbers, in the reader's language (the `Accept-Language`
   * header, else the seller's setting, else English), dates on the seller's clock.
   */
  explanation: Scalars['String']['output'];
  /** Its name for people. */
  label: Scalars['String']['output'];
  /** How to read `value`. */
  unit: RiskFactorUnit;
  /** The measured value; see `unit`. */
  value: Scalars['Float']['output'];
  /** The most points this factor can add. */
  weight: Scalars['Int']['output'];
};

/** What a risk factor measures (packages/core/src/risk/README.md explains each). */
export type RiskFactorCode =
  /** Case reason */
  | 'CASE_REASON'
  /** Claim size */
  | 'CLAIM_SIZE'
  /** Dispute rate (60 days) */
  | 'DISPUTE_RATE'
  /** Escalated to the platform */
  | 'ESCALATED'
  /** Cases escalated to the platform (60 days) */
  | 'ESCALATIONS'
  /** Expedite flag */
  | 'EXPEDITE'
  /** Late-shipment rate (30 days) */
  | 'LATE_SHIPMENT_RATE'
  /** Not shipped yet */
  | 'NOT_SHIPPED'
  /** No seller reply yet */
  | 'NO_SELLER_REPLY'
  /** On-time first response rate (30 days) */
  | 'ON_TIME_FIRST_RESPONSE_RATE'
  /** Open cases on the order */
  | 'OPEN_CASES'
  /** Order value */
  | 'ORDER_VALUE'
  /** Declined or expired offers */
  | 'REJECTED_OFFERS'
  /** Time left to the seller's deadline (respondBy, or an open return's) */
  | 'RESPOND_BY_DEADLINE'
  /** Seller-cancellation rate (30 days) */
  | 'SELLER_CANCELLATION_RATE'
  /** Seller's late-shipment rate (30 days) */
  | 'SELLER_LATE_RATE'
  /** Time left to the ship-by deadline */
  | 'SHIP_BY_DEADLINE'
  /** Unanswered buyer messages */
  | 'UNANSWERED_BUYER_MESSAGES'
  /** Valid tracking rate (30 days) */
  | 'VALID_TRACKING_RATE'
  /** Violations (12 months) and quality disputes lost (60 days) */
  | 'VIOLATIONS';

/** How to read a factor's value. */
export type RiskFactorUnit =
  /** The share of the weight the model gives the category, 0 to 1; `display` names the category. */
  | 'CATEGORY'
  /** A count. */
  | 'COUNT'
  /** 1 for yes, 0 for no. */
  | 'FLAG'
  /** Hours; negative once a deadline has passed. */
  | 'HOURS'
  /** A percentage, 0 to 100. */
  | 'PERCENT'
  /** A multiple, e.g. 2.5 times the seller's average order. */
  | 'RATIO';

/** How serious a risk score is: LOW < 25 ≤ ELEVATED < 50 ≤ HIGH < 75 ≤ CRITICAL. */
export type RiskLevel =
  /** Score 75 or more: act now. */
  | 'CRITICAL'
  /** Score 25 to 49: keep an eye on it. */
  | 'ELEVATED'
  /** Score 50 to 74: act today. */
  | 'HIGH'
  /** Score below 25: nothing urgent. */
  | 'LOW';

/** A signing secret rotation. */
export type RotateWebhookSecretInput = {
  /** The endpoint. */
  endpointId: Scalars['ID']['input'];
  /** The endpoint's version as read; a stale one is refused with VERSION_CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Same key + same input within 24 h → the same answer, the new signing secret included, no second rotation. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** How long the previous secret keeps signing, 0 to 168 hours; 24 by default. 0 ends it at once. */
  overlapHours?: InputMaybe<Scalars['Int']['input']>;
  /** The endpoint's seller, as at registration (omit for a seller key, and for an operator endpoint). */
  sellerId?: InputMaybe<Scalars['ID']['input']>;
};

/** The answer to `rotateWebhookSecret`. */
export type RotateWebhookSecretPayload = {
  __typename?: 'RotateWebhookSecretPayload';
  /** The new signing secret: store it now. Shown in this answer and, for 24 hours, to a retry with the same `idempotencyKey`, credential and input (an answer lost on the way); no read shows it. Null when refused. */
  signingSecret?: Maybe<Scalars['String']['output']>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
  /** The endpoint after the rotation; null when refused. */
  webhookEndpoint?: Maybe<WebhookEndpoint>;
};

/** A marketplace seller. */
export type Seller = {
  __typename?: 'Seller';
  /** When the seller was registered here. */
  createdAt: Scalars['DateTime']['output'];
  /** Account health: late-shipment, dispute, first-response, valid-tracking and seller-cancellation rates, deposit consequences and the seller's risk score. */
  health: SellerHealth;
  /** The seller's id. */
  id: Scalars['ID']['output'];
  /** The language the seller reads texts in (sentences, `formatted` money, `userErrors`), unless a request sends `Accept-Language`. Set by `createSeller` (English by default), changed with `setSellerLanguage`. */
  language: Language;
  /** Display name. */
  name: Scalars['String']['output'];
  /** What waits for the seller right now, for a dashboard's first screen: exact counts, never a page through a list. Counters kept in the same transaction as every change they count, plus one read of the seller's deadlines within 24 hours (the answers and the returns due): two DynamoDB reads after the seller's own, whatever the seller's size. */
  overview: SellerOverview;
  /** The currency the marketplace settles in; sales figures and deposit targets use it. */
  settlementCurrency: Scalars['CurrencyCode']['output'];
  /** IANA time zone, e.g. `Asia/Shanghai`; the seller's days and months are counted in it. */
  timeZone: Scalars['String']['output'];
  /** The profile's version: send it as `expectedVersion` to `setSellerLanguage` to refuse a stale change. */
  version: Scalars['Int']['output'];
};

/** A page of sellers. */
export type SellerConnection = {
  __typename?: 'SellerConnection';
  /** The sellers on this page with their cursors. */
  edges: Array<SellerEdge>;
  /** Where this page is in the list. */
  pageInfo: PageInfo;
};

/** A seller and the cursor that resumes the list after it. */
export type SellerEdge = {
  __typename?: 'SellerEdge';
  /** Opaque cursor; pass it as `after` to continue after this seller. */
  cursor: Scalars['String']['output'];
  /** The seller. */
  node: Seller;
};

/** A seller's account health: the metrics marketplaces report, what they do to deposit refunds, and the seller's risk score. */
export type SellerHealth = {
  __typename?: 'SellerHealth';
  /** When it was assessed. */
  assessedAt: Scalars['DateTime']['output'];
  /** What the recent record does to deposit refunds, read over trailing windows (violations of the last 12 months, quality disputes lost in the last 60 days). A limited-term deposit's own answer, `depositRefundEligibility`, counts over its term instead, so it can name a violation or dispute of an earlier part of a long term that this list no longer does, or none of one from before the term: for a refund decision, read the deposit's. Marketplace keys are refused with `FORBIDDEN`, as for the deposits. */
  depositConsequences: Array<DepositConsequence>;
  /** The metrics. */
  metrics: Array<HealthMetric>;
  /** The version of the model. */
  modelVersion: Scalars['String']['output'];
  /** The seller's risk score with its reasons. */
  risk: RiskAssessment;
  /** The worst metric's status; BAD whenever a deposit consequence blocks a refund (effect BLOCKS_REFUND: a violation, or too many quality disputes lost), since a seller whose refund is refused is not in good health. For a marketplace key, which does not read the deposit side, the metrics' alone. */
  status: HealthStatus;
};

/** The counts a seller dashboard shows first. Each is exact for the stored state at `asOf`; none is a page of a list. */
export type SellerOverview = {
  __typename?: 'SellerOverview';
  /** The instant the counts were read at: the start of the 24-hour window of `casesDueWithin24h` and `returnsDueWithin24h`. */
  asOf: Scalars['DateTime']['output'];
  /** Cases with a compensation offer pending (status `OFFER_PENDING`, the offer counted in `offersPending`) on which the buyer wrote after the offer and the seller has not answered: the seller owes an answer by `respondBy` (`Case.respondTimeLeftSeconds`), and missing it counts as a missed response as on a case awaiting the seller. The cases `cases(filter: { status: OFFER_PENDING, owesAnswer: true })` lists. */
  casesAwaitingAnswerOnOffer: Scalars['Int']['output'];
  /** Open cases whose next move is the seller's (status `AWAITING_SELLER`): the cases `cases(filter: { status: AWAITING_SELLER })` lists. A case with a pending offer on which the buyer wrote since is owed an answer too, but counted in `casesAwaitingAnswerOnOffer`. */
  casesAwaitingSeller: Scalars['Int']['output'];
  /** Of `casesAwaitingSeller` and `casesAwaitingAnswerOnOffer` (every answer the seller owes), those whose response deadline (`respondBy`) falls within the next 24 hours from `asOf`, both ends included (a deadline already passed is overdue, not due). Counted from the case index by the seller's deadline, at the request's clock. The cases `cases(filter: { owesAnswer: true, dueWithin24h: true })` lists (newest opened first), or the two counts' lists with `dueWithin24h: true` (nearest deadline first). */
  casesDueWithin24h: Scalars['Int']['output'];
  /** Compensation offers waiting for the buyer's answer (status `PENDING`). */
  offersPending: Scalars['Int']['output'];
  /** Unshipped orders inside the at-risk window before their ship-by deadline, as the late-order job flagged them, and not late yet. The orders `orders(filter: { atRisk: true })` lists, once the job has seen them. */
  ordersAtRisk: Scalars['Int']['output'];
  /** Unshipped orders past their ship-by deadline, as the late-order job flagged them (it runs every 15 minutes; each such order has its late-shipment case). The orders `orders(filter: { late: true })` lists, once the job has seen them; `lateOrders` lists them together with the at-risk ones. */
  ordersLate: Scalars['Int']['output'];
  /** Deposit refund applications waiting for the platform's decision (status `PENDING`). `FORBIDDEN` to a marketplace key, which does not read deposits. */
  refundApplicationsOpen: Scalars['Int']['output'];
  /** Open returns waiting on the seller: shipped back by the buyer (confirm receipt by `Return.receiveBy`) or received (refund or ship the replacement by `Return.settleBy`), on a case in `RETURN_IN_PROGRESS`. A missed deadline escalates the case to the platform and counts against the seller; an escalated case's return is the platform's to decide and is not counted. The cases `cases(filter: { status: RETURN_IN_PROGRESS })` lists whose `openReturn.status` is SHIPPED_BACK or RECEIVED (the others wait on the buyer). Their deadlines due soon are `returnsDueWithin24h`, not part of `casesDueWithin24h`. */
  returnsAwaitingSeller: Scalars['Int']['output'];
  /** Of `returnsAwaitingSeller`, those whose deadline for the seller's step (`receiveBy` once shipped back, `settleBy` once received: the return's `dueBy`) falls within the next 24 hours from `asOf`, both ends included (a deadline already passed is overdue, not due). Counted from the same index as `casesDueWithin24h`, in the same read. */
  returnsDueWithin24h: Scalars['Int']['output'];
};

/** A seller's language setting. */
export type SetSellerLanguageInput = {
  /** The profile's `version` as last read; a stale one is `VERSION_CONFLICT`. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: a retry with the same key and input answers the same seller. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The language the seller reads texts in from now on. */
  language: Language;
  /** The seller; a seller key may omit it (its own), every other key names it. */
  sellerId?: InputMaybe<Scalars['ID']['input']>;
};

/** The answer to `setSellerLanguage`. */
export type SetSellerLanguagePayload = {
  __typename?: 'SetSellerLanguagePayload';
  /** The seller with its new setting; null when refused. */
  seller?: Maybe<Seller>;
  /** Why it was refused (`INVALID_INPUT`, `NOT_FOUND`, `VERSION_CONFLICT`); empty on success. */
  userErrors: Array<UserError>;
};

/** The replacement's parcel. */
export type ShipReplacementInput = {
  /** The carrier, 1 to 64 characters. */
  carrier: Scalars['String']['input'];
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** Refuse with VERSION_CONFLICT unless the case is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The received return (an exchange). */
  returnId: Scalars['ID']['input'];
  /** The tracking number: up to 64 characters, at least 4 letters or digits, with single dashes only between them. */
  trackingNumber: Scalars['String']['input'];
};

/** The answer to `shipReplacement`. */
export type ShipReplacementPayload = {
  __typename?: 'ShipReplacementPayload';
  /** The case after the change, with its returns; null when refused. */
  case?: Maybe<Case>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** The buyer's parcel back. */
export type ShipReturnInput = {
  /** The carrier, 1 to 64 characters. */
  carrier: Scalars['String']['input'];
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** Refuse with VERSION_CONFLICT unless the case is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The open return. */
  returnId: Scalars['ID']['input'];
  /** The tracking number: up to 64 characters, at least 4 letters or digits, with single dashes only between them. */
  trackingNumber: Scalars['String']['input'];
};

/** The answer to `shipReturn`. */
export type ShipReturnPayload = {
  __typename?: 'ShipReturnPayload';
  /** The case after the change, with its returns; null when refused. */
  case?: Maybe<Case>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A shipping problem recorded on an order. */
export type ShippingIncident = {
  __typename?: 'ShippingIncident';
  /** What caused it. */
  cause: IncidentCause;
  /** The incident's id. */
  id: Scalars['ID']['output'];
  /** What happened, in the seller's words. */
  note: Scalars['String']['output'];
  /** When it was recorded. */
  recordedAt: Scalars['DateTime']['output'];
  /** The platform support ticket: always for SYSTEM_ERROR, once known for SUSPECTED_PLATFORM_ERROR. */
  supportTicketRef?: Maybe<Scalars['String']['output']>;
};

/** Evidence to submit to a case. */
export type SubmitCaseEvidenceInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** What it shows, at most 280 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Refuse with VERSION_CONFLICT unless the case is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** What it is. */
  kind: EvidenceKind;
  /** Where it lives: an https URL or an object key, printable ASCII (percent-encode other characters), at most 512 characters. The side's piece of this kind with this reference already on the case is answered instead of stored again (its description stays as first sent). */
  reference: Scalars['String']['input'];
  /** Whose evidence: your credential's own side only. */
  side: EvidenceSide;
};

/** The answer to `submitCaseEvidence`. */
export type SubmitCaseEvidencePayload = {
  __typename?: 'SubmitCaseEvidencePayload';
  /** The case after the change, with the new piece in `evidence`; null when refused. */
  case?: Maybe<Case>;
  /** The piece submitted (or the same piece already on the case); null when refused. */
  evidence?: Maybe<CaseEvidence>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** The compensation a remedy plan suggests: a coupon up to 3 days late (`RemedyPlan.daysLate`, the seller's calendar days), a discount beyond; its percent grows with each day late, capped by the policy and by what is left of the order. */
export type SuggestedCompensation = {
  __typename?: 'SuggestedCompensation';
  /** The value in the order currency. */
  amount: Money;
  /** What to offer. */
  kind: CompensationKind;
  /** Share of what the buyer paid, in whole percent (rounded half up, and at least 1 for any amount suggested). */
  percentOfOrder: Scalars['Int']['output'];
};

/** An unlimited deposit's sustained-sales rule: at least `minMonthlySales` in each of the last `months` full calendar months of the seller's time zone, each held from its first instant: a month that began before the deposit was paid does not count. A month's sales are the settled sales of the orders placed in it, nothing for a cancelled order, less the refunds given on those same orders, never negative; an order recorded here once the month had ended, more than 7 days after it was placed, does not count. */
export type SustainedSalesRule = {
  __typename?: 'SustainedSalesRule';
  /** The least settled sales each month must reach, in the seller's settlement currency. */
  minMonthlySales: Money;
  /** How many full calendar months, counted back from the month before the current one. */
  months: Scalars['Int']['output'];
};

/** An unlimited deposit's sustained-sales rule. */
export type SustainedSalesRuleInput = {
  /** The least settled sales each month must reach, in the seller's settlement currency, more than zero. */
  minMonthlySales: MoneyInput;
  /** How many full calendar months, 1 to 24. */
  months: Scalars['Int']['input'];
};

/** New settings of an endpoint; what is left out stays. */
export type UpdateWebhookEndpointInput = {
  /** The endpoint. */
  endpointId: Scalars['ID']['input'];
  /** New event types (replacing the old ones), at most 64; an empty list means every type. */
  eventTypes?: InputMaybe<Array<EventType>>;
  /** The endpoint's version as read; a stale one is refused with VERSION_CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Same key + same input within 24 h → the same answer, no second change. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The endpoint's seller, as at registration (omit for a seller key, and for an operator endpoint). */
  sellerId?: InputMaybe<Scalars['ID']['input']>;
  /** A new URL, under the same rules as at registration. */
  url?: InputMaybe<Scalars['String']['input']>;
};

/** The answer to `updateWebhookEndpoint`. */
export type UpdateWebhookEndpointPayload = {
  __typename?: 'UpdateWebhookEndpointPayload';
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
  /** The endpoint after the change; null when refused. */
  webhookEndpoint?: Maybe<WebhookEndpoint>;
};

/** Why a mutation refused its input. A refused mutation writes nothing. */
export type UserError = {
  __typename?: 'UserError';
  /** What is wrong, for programs. */
  code: ErrorCode;
  /** Path to the offending input field from the mutation's arguments, e.g. `["input", "buyerTotal", "amountMinor"]`; null when no single field is to blame. */
  field?: Maybe<Array<Scalars['String']['output']>>;
  /** What is wrong, for people, in the reader's language (see `Language`; the field path stays as sent). */
  message: Scalars['String']['output'];
};

/** The calling credential, as the server sees it. */
export type Viewer = {
  __typename?: 'Viewer';
  /** What it may read and change. */
  access: ViewerAccess;
  /** Every seller, present and future (operators, and marketplace keys granted all sellers). */
  allSellers: Scalars['Boolean']['output'];
  /** An API key or a frontend user's token. */
  credential: CredentialKind;
  /** The API key's id (as `apiKeys` lists it); null for a token. */
  keyId?: Maybe<Scalars['ID']['output']>;
  /** For a partner key: read-only or read-write; null for other roles. */
  partnerAccess?: Maybe<KeyAccess>;
  /** Whom the credential acts as. */
  role: KeyRole;
  /** For a seller credential: its seller. */
  sellerId?: Maybe<Scalars['ID']['output']>;
  /** The sellers it may read (and, with the access below, act for): its own seller, or the granted list; empty when `allSellers`. */
  sellerIds: Array<Scalars['ID']['output']>;
};

/** What the calling credential may read and change. */
export type ViewerAccess = {
  __typename?: 'ViewerAccess';
  /** Acts as the seller: orders, seller messages, remedies, offers, refund applications (seller keys and tokens, read-write partner keys). */
  actsAsSeller: Scalars['Boolean']['output'];
  /** Acts for the buyer on cases: buyer cases and messages, answers to offers, escalation (marketplace keys). */
  actsForBuyer: Scalars['Boolean']['output'];
  /** The sides this credential plays on a case, as the case state machine knows them; empty for a read-only key. */
  caseActors: Array<CaseActor>;
  /** The platform's powers: onboard sellers, record orders for any seller, record deposits and violations, decide refunds and escalated cases, manage keys (operators). */
  operates: Scalars['Boolean']['output'];
  /** Reads the orders, cases, deposits and risk of the sellers it covers (every credential that authenticates does). */
  read: Scalars['Boolean']['output'];
};

/** A violation recorded against a seller by an operator. */
export type Violation = {
  __typename?: 'Violation';
  /** The violation's id. */
  id: Scalars['ID']['output'];
  /** What kind. */
  kind: ViolationKind;
  /** The operator's note. */
  note: Scalars['String']['output'];
  /** When it happened, as reported. The deposit rules and the seller's health count it from the earlier of this and `recordedAt` (a reporting clock a few minutes ahead does not move it past a term's end). */
  occurredAt: Scalars['DateTime']['output'];
  /** When it was recorded. */
  recordedAt: Scalars['DateTime']['output'];
  /** The seller. */
  sellerId: Scalars['ID']['output'];
  /** How serious. */
  severity: ViolationSeverity;
  /** Why it was voided, in the operator's words; null while it stands. */
  voidReason?: Maybe<Scalars['String']['output']>;
  /** Whether an operator voided it as recorded by mistake (`voidViolation`): a voided violation is kept for audit, but blocks no refund and does not count in the seller's health or risk score. */
  voided: Scalars['Boolean']['output'];
  /** When it was voided; null while it stands. */
  voidedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The credential that voided it (an operator's API key id): shown to operators and to that credential itself, null to everyone else and while it stands. */
  voidedBy?: Maybe<Scalars['String']['output']>;
};

/** What kind of violation a seller committed. */
export type ViolationKind =
  /** Counterfeit goods. */
  | 'COUNTERFEIT'
  /** Fraud. */
  | 'FRAUD'
  /** A breach of the shipping deadlines. */
  | 'LATE_SHIPMENT_BREACH'
  /** Another violation, explained in the note. */
  | 'OTHER'
  /** A quality problem: any severity blocks a limited-term refund for the term. */
  | 'QUALITY';

/** How serious a violation is, from least to most: MINOR < MAJOR < CRITICAL. Violations at or above the configured threshold (default MAJOR) block refunds. */
export type ViolationSeverity =
  /** Critical. */
  | 'CRITICAL'
  /** Major. */
  | 'MAJOR'
  /** Minor. */
  | 'MINOR';

/** A violation to void, as recorded by mistake. */
export type VoidViolationInput = {
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Why it is voided, 1 to 2000 characters; kept with the violation for audit. */
  reason: Scalars['String']['input'];
  /** The seller the violation was recorded against. */
  sellerId: Scalars['ID']['input'];
  /** The violation. */
  violationId: Scalars['ID']['input'];
};

/** The answer to `voidViolation`. */
export type VoidViolationPayload = {
  __typename?: 'VoidViolationPayload';
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
  /** The voided violation; null when refused. */
  violation?: Maybe<Violation>;
};

/** What one delivery attempt came to. */
export type WebhookAttemptOutcome =
  /** The connection failed (refused, reset, TLS). */
  | 'CONNECTION_FAILED'
  /** The endpoint answered 2xx. */
  | 'DELIVERED'
  /** The URL's host does not resolve, or resolves to an address the SSRF guard refuses (private, loopback, link-local…). */
  | 'ENDPOINT_REFUSED'
  /** Nothing was sent: the endpoint was disabled, no longer subscribes to the event's type (a redelivery still goes), or its owner may no longer receive the scope's events (given up); or its signing secret could not be opened on our side (retried, see `detail`). */
  | 'ENDPOINT_UNAVAILABLE'
  /** The endpoint answered another status (see `statusCode`). */
  | 'HTTP_ERROR'
  /** The endpoint answered a redirect, which is never followed: register the final URL. */
  | 'REDIRECT_REFUSED'
  /** The answer passed 64 KB. */
  | 'RESPONSE_TOO_LARGE'
  /** No connection within 3 s, or no complete answer within 10 s. */
  | 'TIMEOUT';

/** One delivery of an event to a webhook endpoint: the log of its attempts and where it stands. Kept 30 days after it settled. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  /** Every attempt made, including any no longer listed in `attempts`. */
  attemptCount: Scalars['Int']['output'];
  /** The newest 20 attempts, oldest first. */
  attempts: Array<WebhookDeliveryAttempt>;
  /** When it was recorded. */
  createdAt: Scalars['DateTime']['output'];
  /** The endpoint it goes to. */
  endpointId: Scalars['ID']['output'];
  /** The event delivered (the body's `id`: receivers deduplicate by it). */
  eventId: Scalars['ID']['output'];
  /** The event's type. */
  eventType: EventType;
  /** Opaque and stable: the endpoint, the event and which delivery of it (the first, or a redelivery). */
  id: Scalars['ID']['output'];
  /** When it is tried next; null once settled. */
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** The object's id. */
  objectId: Scalars['ID']['output'];
  /** What the event is about: `ORDER`, `CASE`, … (the body's `object.type`). */
  objectType: Scalars['String']['output'];
  /** The object's version the event describes: one object's deliveries go out in version order. */
  objectVersion: Scalars['Int']['output'];
  /** True for a delivery asked for with `redeliverWebhookEvent`. */
  redelivery: Scalars['Boolean']['output'];
  /**
   * Who asked for a redelivery: the key id (`jwt:<subject>` for a frontend user), shown to its own side (the seller's
   * keys and partner tools) and to operators; others read the side alone, `side:operator` (`side:unknown` for a
   * redelivery recorded before sides were kept, to all but that key). Null for the dispatcher's own deliveries.
   */
  requestedBy?: Maybe<Scalars['ID']['output']>;
  /** When it was delivered or given up; null before. */
  settledAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where it stands. */
  status: WebhookDeliveryStatus;
};

/** One attempt of a delivery, as the delivery log keeps it. */
export type WebhookDeliveryAttempt = {
  __typename?: 'WebhookDeliveryAttempt';
  /** When the attempt started. */
  at: Scalars['DateTime']['output'];
  /** What went wrong, in a sentence; null when delivered. */
  detail?: Maybe<Scalars['String']['output']>;
  /** From the start of the attempt to its end, in milliseconds. */
  durationMs: Scalars['Int']['output'];
  /** What it came to. */
  outcome: WebhookAttemptOutcome;
  /** The first 256 characters of the answer's body (empty when there was none). */
  responseExcerpt: Scalars['String']['output'];
  /** The HTTP status the endpoint answered; null when no answer came. */
  statusCode?: Maybe<Scalars['Int']['output']>;
};

/** A page of an endpoint's delivery log. */
export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  /** The deliveries on this page with their cursors. */
  edges: Array<WebhookDeliveryEdge>;
  /** Where this page is in the list. */
  pageInfo: PageInfo;
};

/** A delivery and the cursor that resumes the list after it. */
export type WebhookDeliveryEdge = {
  __typename?: 'WebhookDeliveryEdge';
  /** Opaque cursor; pass it as `after` to continue after this delivery. */
  cursor: Scalars['String']['output'];
  /** The delivery. */
  node: WebhookDelivery;
};

/** Where a webhook delivery stands. */
export type WebhookDeliveryStatus =
  /** The endpoint answered 2xx. */
  | 'DELIVERED'
  /** Every attempt of the retry period failed, or the endpoint was disabled meanwhile, or no longer subscribes to the event's type: not tried again. `redeliverWebhookEvent` sends it anew. */
  | 'GAVE_UP'
  /** Recorded, not attempted yet (or waiting for the delivery before it in its object's order). */
  | 'PENDING'
  /** Attempted and failed; `nextAttemptAt` says when it is tried again (backoff over 3 days from when the delivery was made). */
  | 'RETRYING';

/** Who switched an endpoint off: switching it on again takes at least the same authority. */
export type WebhookDisabledBy =
  /** An operator: only an operator switches it on again. */
  | 'OPERATOR'
  /** The partner tool that registered it: that tool, its seller or an operator switches it on again. */
  | 'PARTNER'
  /** Its seller: the seller or an operator switches it on again, not a partner tool. */
  | 'SELLER'
  /** The server, after repeated failed deliveries: whoever may change the endpoint switches it on again. */
  | 'SYSTEM';

/** Why an endpoint is switched off. */
export type WebhookDisabledReason =
  /** Its owner switched it off (`disableWebhookEndpoint`). */
  | 'BY_OWNER'
  /**
   * The API key it answers to (the one that registered it or last set its URL) was revoked (`revokeApiKey`,
   * `npm run keys -- revoke`), which switched it off (`disabledBy` SYSTEM). Also shown for one stored enabled that
   * the revocation missed (changed a moment before it, or revoked by a release before this switch-off): it receives
   * nothing either. Whoever may change it switches it on again (`enableWebhookEndpoint`, with their own live key) and
   * it then becomes theirs: it delivers under that key from then on.
   */
  | 'KEY_REVOKED'
  /**
   * The partner tool that registered it no longer has access to the seller (the seller taken out of its key's
   * grant), so it receives nothing. Not switched off (`disabledBy` is null, and `enableWebhookEndpoint`
   * changes nothing): delete it, and have the tool register a new one with a live key.
   */
  | 'OWNER_ACCESS_ENDED'
  /** Deliveries kept failing, so the server switched it off; `enableWebhookEndpoint` once the receiver works. */
  | 'REPEATED_FAILURES';

/**
 * A registered webhook endpoint. Its signing secret is never shown after the answer that created
 * or rotated it: the server keeps it encrypted and signs every delivery with it (docs/webhooks.md).
 * Revoking the key an endpoint answers to (the one that registered it or last set its URL) switches it off
 * (`DISABLED`, `KEY_REVOKED`), whoever the key was issued to; one the revocation missed is shown so, and receives
 * nothing, all the same. An endpoint a partner tool registered also receives nothing once the tool's key no longer
 * covers the seller: it then shows `DISABLED` with `OWNER_ACCESS_ENDED`.
 */
export type WebhookEndpoint = {
  __typename?: 'WebhookEndpoint';
  /** When it was registered. */
  createdAt: Scalars['DateTime']['output'];
  /** Who switched it off (null while enabled, and for `OWNER_ACCESS_ENDED`): the least authority that may switch it on again. */
  disabledBy?: Maybe<WebhookDisabledBy>;
  /** Why it is switched off; null while enabled. */
  disabledReason?: Maybe<WebhookDisabledReason>;
  /** The event types it receives; empty means every type. */
  eventTypes: Array<EventType>;
  /** The endpoint's id. */
  id: Scalars['ID']['output'];
  /** Whose events it receives. */
  scope: WebhookScope;
  /** When the previous signing secret stops signing, during a rotation's overlap; null when one secret signs. */
  secretOverlapEndsAt?: Maybe<Scalars['DateTime']['output']>;
  /** The seller whose events it receives; null for the operator scope. */
  sellerId?: Maybe<Scalars['ID']['output']>;
  /** Whether it receives deliveries. */
  status: WebhookEndpointStatus;
  /** When it last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Where deliveries are POSTed. */
  url: Scalars['String']['output'];
  /** Increases by one with every change; pass it as `expectedVersion` to refuse racing updates. */
  version: Scalars['Int']['output'];
};

/** A page of webhook endpoints. */
export type WebhookEndpointConnection = {
  __typename?: 'WebhookEndpointConnection';
  /** The endpoints on this page with their cursors. */
  edges: Array<WebhookEndpointEdge>;
  /** Where this page is in the list. */
  pageInfo: PageInfo;
};

/** A webhook endpoint and the cursor that resumes the list after it. */
export type WebhookEndpointEdge = {
  __typename?: 'WebhookEndpointEdge';
  /** Pass as `after` to continue after this endpoint. */
  cursor: Scalars['String']['output'];
  /** The endpoint. */
  node: WebhookEndpoint;
};

/** Whether an endpoint receives deliveries. */
export type WebhookEndpointStatus =
  /** Receives nothing; `disabledReason` says why. */
  | 'DISABLED'
  /** Receives the events it subscribes to. */
  | 'ENABLED';

/** Whose events a webhook endpoint receives. */
export type WebhookScope =
  /** Operator-level events that belong to no seller (a key revoked, an operator endpoint switched off). */
  | 'OPERATORS'
  /** One seller's events (`sellerId`). */
  | 'SELLER';

/** An offer to withdraw. */
export type WithdrawCompensationOfferInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** Refuse with VERSION_CONFLICT unless the case is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The pending offer. */
  offerId: Scalars['ID']['input'];
};

/** The answer to `withdrawCompensationOffer`. */
export type WithdrawCompensationOfferPayload = {
  __typename?: 'WithdrawCompensationOfferPayload';
  /** The case after the change; null when refused. */
  case?: Maybe<Case>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** The platform's withdrawal of its report that the carrier does not know an order's tracking number. */
export type WithdrawInvalidTrackingReportInput = {
  /** Refuse with `VERSION_CONFLICT` unless the order is still at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Makes retries safe: the same key with the same input answers the first result again, for 24 h. A key is 8 to 128 characters: letters, digits and `. _ : -` (a UUID or ULID fits). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The order's id. */
  orderId: Scalars['ID']['input'];
  /** Why the report is withdrawn, in the platform's words: 1 to 280 characters (trimmed). The seller reads it in the event `ORDER_TRACKING_REPORT_WITHDRAWN`. */
  reason: Scalars['String']['input'];
};

/** The answer to `withdrawInvalidTrackingReport`. */
export type WithdrawInvalidTrackingReportPayload = {
  __typename?: 'WithdrawInvalidTrackingReportPayload';
  /** The order with the report withdrawn; null when refused. */
  order?: Maybe<Order>;
  /** Why it was refused; empty on success. */
  userErrors: Array<UserError>;
};

export type RespondToCompensationOfferMutationVariables = Exact<{
  input: RespondToCompensationOfferInput;
}>;


export type RespondToCompensationOfferMutation = { __typename?: 'Mutation', respondToCompensationOffer: { __typename?: 'RespondToCompensationOfferPayload', case?: { __typename?: 'Case', id: string, status: CaseStatus, outcome?: CaseOutcome | null, resolvedAt?: string | null, version: number, offers: Array<{ __typename?: 'CompensationOffer', id: string, status: OfferStatus, answeredAt?: string | null }> } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type CreateSellerMutationVariables = Exact<{
  input: CreateSellerInput;
}>;


export type CreateSellerMutation = { __typename?: 'Mutation', createSeller: { __typename?: 'CreateSellerPayload', seller?: { __typename?: 'Seller', id: string, name: string, settlementCurrency: string, timeZone: string, createdAt: string } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type DecideDepositRefundMutationVariables = Exact<{
  input: DecideDepositRefundInput;
}>;


export type DecideDepositRefundMutation = { __typename?: 'Mutation', decideDepositRefund: { __typename?: 'DecideDepositRefundPayload', application?: { __typename?: 'DepositRefundApplication', id: string, status: DepositRefundApplicationStatus, decidedAt?: string | null, decision?: { __typename?: 'DepositRefundDecision', outcome: DepositRefundDecisionOutcome, reason?: string | null, amount?: { __typename?: 'Money', formatted: string } | null } | null } | null, deposit?: { __typename?: 'Deposit', id: string, status: DepositStatus, refundedAmount?: { __typename?: 'Money', formatted: string } | null } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type DepositRefundApplicationsQueryVariables = Exact<{
  status?: InputMaybe<DepositRefundApplicationStatus>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type DepositRefundApplicationsQuery = { __typename?: 'Query', depositRefundApplications: { __typename?: 'DepositRefundApplicationConnection', edges: Array<{ __typename?: 'DepositRefundApplicationEdge', cursor: string, node: { __typename?: 'DepositRefundApplication', id: string, sellerId: string, status: DepositRefundApplicationStatus, recommendation: DepositRefundRecommendation, currentRecommendation?: DepositRefundRecommendation | null, appliedAt: string, version: number, documents: Array<{ __typename?: 'EvidenceDocument', kind: EvidenceDocumentKind, reference: string, checksum: string, title: string }>, deposit?: { __typename?: 'Deposit', id: string, kind: DepositKind, status: DepositStatus, amount: { __typename?: 'Money', amountMinor: number, currency: string, formatted: string } } | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type EscalatedCasesQueryVariables = Exact<{
  sellerId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type EscalatedCasesQuery = { __typename?: 'Query', cases: { __typename?: 'CaseConnection', edges: Array<{ __typename?: 'CaseEdge', cursor: string, node: { __typename?: 'Case', id: string, reason: CaseReason, escalatedAt?: string | null, availableActions: Array<CaseAction>, version: number, claimAmount?: { __typename?: 'Money', formatted: string } | null, order?: { __typename?: 'Order', marketplaceOrderId: string, buyerTotal: { __typename?: 'Money', formatted: string } } | null, evidence: { __typename?: 'CaseEvidenceBySide', seller: Array<{ __typename?: 'CaseEvidence', id: string, kind: EvidenceKind, submittedAt: string, submittedBy?: string | null, reference: string, description?: string | null, redactedAt?: string | null }>, buyer: Array<{ __typename?: 'CaseEvidence', id: string, kind: EvidenceKind, submittedAt: string, submittedBy?: string | null, reference: string, description?: string | null, redactedAt?: string | null }>, platform: Array<{ __typename?: 'CaseEvidence', id: string, kind: EvidenceKind, submittedAt: string, submittedBy?: string | null, reference: string, description?: string | null, redactedAt?: string | null }> } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type ApplyForDepositRefundMutationVariables = Exact<{
  input: ApplyForDepositRefundInput;
}>;


export type ApplyForDepositRefundMutation = { __typename?: 'Mutation', applyForDepositRefund: { __typename?: 'ApplyForDepositRefundPayload', application?: { __typename?: 'DepositRefundApplication', id: string, status: DepositRefundApplicationStatus, recommendation: DepositRefundRecommendation, appliedAt: string, documents: Array<{ __typename?: 'EvidenceDocument', kind: EvidenceDocumentKind, title: string }> } | null, deposit?: { __typename?: 'Deposit', id: string, status: DepositStatus, version: number } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type ChangesSinceQueryVariables = Exact<{
  sellerId: Scalars['ID']['input'];
  since: Scalars['DateTime']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  ordersAfter?: InputMaybe<Scalars['String']['input']>;
  casesAfter?: InputMaybe<Scalars['String']['input']>;
}>;


export type ChangesSinceQuery = { __typename?: 'Query', orders: { __typename?: 'OrderConnection', edges: Array<{ __typename?: 'OrderEdge', node: { __typename?: 'Order', id: string, marketplaceOrderId: string, status: OrderStatus, version: number, updatedAt: string } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } }, cases: { __typename?: 'CaseConnection', edges: Array<{ __typename?: 'CaseEdge', node: { __typename?: 'Case', id: string, orderId: string, status: CaseStatus, version: number, updatedAt: string } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type EventsCatchUpQueryVariables = Exact<{
  sellerId: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  types?: InputMaybe<Array<EventType> | EventType>;
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type EventsCatchUpQuery = { __typename?: 'Query', events: { __typename?: 'EventConnection', edges: Array<{ __typename?: 'EventEdge', node: { __typename?: 'Event', id: string, type: EventType, objectType: EventObjectType, objectId: string, objectVersion: number, partId?: string | null, occurredAt: string, actorKeyId: string, payload: Record<string, unknown> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type ImportOrdersMutationVariables = Exact<{
  input: ImportOrdersInput;
}>;


export type ImportOrdersMutation = { __typename?: 'Mutation', importOrders: { __typename?: 'ImportOrdersPayload', createdCount: number, duplicateCount: number, rejectedCount: number, results: Array<{ __typename?: 'ImportOrderResult', index: number, marketplaceOrderId?: string | null, outcome: ImportOutcome, existingOrderId?: string | null, order?: { __typename?: 'Order', id: string, status: OrderStatus, shipBy: string, version: number, buyerTotal: { __typename?: 'Money', amountMinor: number, currency: string, formatted: string } } | null, errors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> }>, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type MakeCompensationOfferMutationVariables = Exact<{
  input: MakeCompensationOfferInput;
}>;


export type MakeCompensationOfferMutation = { __typename?: 'Mutation', makeCompensationOffer: { __typename?: 'MakeCompensationOfferPayload', case?: { __typename?: 'Case', id: string, status: CaseStatus, availableActions: Array<CaseAction>, version: number, pendingOffer?: { __typename?: 'CompensationOffer', id: string, kind: CompensationKind, percentOff?: number | null, status: OfferStatus, expiresAt: string, amount: { __typename?: 'Money', amountMinor: number, currency: string, formatted: string } } | null } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type MarkOrderShippedMutationVariables = Exact<{
  input: MarkOrderShippedInput;
}>;


export type MarkOrderShippedMutation = { __typename?: 'Mutation', markOrderShipped: { __typename?: 'MarkOrderShippedPayload', order?: { __typename?: 'Order', id: string, marketplaceOrderId: string, status: OrderStatus, shippedAt?: string | null, shippedLate?: boolean | null, carrier?: string | null, trackingNumber?: string | null, version: number } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type OrderByMarketplaceIdQueryVariables = Exact<{
  sellerId: Scalars['ID']['input'];
  marketplaceOrderId: Scalars['String']['input'];
}>;


export type OrderByMarketplaceIdQuery = { __typename?: 'Query', order?: { __typename?: 'Order', id: string, marketplaceOrderId: string, status: OrderStatus, shipBy: string, late: boolean, atRisk: boolean, version: number, updatedAt: string } | null };

export type RecordRemedyMutationVariables = Exact<{
  input: RecordRemedyInput;
}>;


export type RecordRemedyMutation = { __typename?: 'Mutation', recordRemedy: { __typename?: 'RecordRemedyPayload', case?: { __typename?: 'Case', id: string, status: CaseStatus, firstResponseAt?: string | null, availableActions: Array<CaseAction>, version: number, remedies: Array<{ __typename?: 'CaseRemedy', id: string, kind: RemedyKind, note?: string | null, recordedAt: string, amount?: { __typename?: 'Money', formatted: string } | null }> } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type RedeliverWebhookEventMutationVariables = Exact<{
  input: RedeliverWebhookEventInput;
}>;


export type RedeliverWebhookEventMutation = { __typename?: 'Mutation', redeliverWebhookEvent: { __typename?: 'RedeliverWebhookEventPayload', delivery?: { __typename?: 'WebhookDelivery', id: string, endpointId: string, eventId: string, status: WebhookDeliveryStatus, redelivery: boolean, requestedBy?: string | null, nextAttemptAt?: string | null } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type RegisterWebhookEndpointMutationVariables = Exact<{
  input: RegisterWebhookEndpointInput;
}>;


export type RegisterWebhookEndpointMutation = { __typename?: 'Mutation', registerWebhookEndpoint: { __typename?: 'RegisterWebhookEndpointPayload', signingSecret?: string | null, webhookEndpoint?: { __typename?: 'WebhookEndpoint', id: string, sellerId?: string | null, url: string, eventTypes: Array<EventType>, status: WebhookEndpointStatus, version: number } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type SubmitCaseEvidenceMutationVariables = Exact<{
  input: SubmitCaseEvidenceInput;
}>;


export type SubmitCaseEvidenceMutation = { __typename?: 'Mutation', submitCaseEvidence: { __typename?: 'SubmitCaseEvidencePayload', evidence?: { __typename?: 'CaseEvidence', id: string, kind: EvidenceKind, side: EvidenceSide, submittedAt: string, reference: string } | null, case?: { __typename?: 'Case', id: string, status: CaseStatus, availableActions: Array<CaseAction>, version: number, evidence: { __typename?: 'CaseEvidenceBySide', seller: Array<{ __typename?: 'CaseEvidence', id: string, kind: EvidenceKind }> } } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: ErrorCode }> } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', role: KeyRole, credential: CredentialKind, keyId?: string | null, sellerIds: Array<string>, allSellers: boolean, partnerAccess?: KeyAccess | null, access: { __typename?: 'ViewerAccess', read: boolean, actsAsSeller: boolean, actsForBuyer: boolean, operates: boolean, caseActors: Array<CaseActor> } } };

export type WebhookDeliveriesQueryVariables = Exact<{
  sellerId: Scalars['ID']['input'];
  endpointId: Scalars['ID']['input'];
  status?: InputMaybe<WebhookDeliveryStatus>;
}>;


export type WebhookDeliveriesQuery = { __typename?: 'Query', webhookDeliveries: { __typename?: 'WebhookDeliveryConnection', edges: Array<{ __typename?: 'WebhookDeliveryEdge', node: { __typename?: 'WebhookDelivery', id: string, eventId: string, eventType: EventType, objectType: string, objectId: string, objectVersion: number, status: WebhookDeliveryStatus, redelivery: boolean, nextAttemptAt?: string | null, settledAt?: string | null, attemptCount: number, attempts: Array<{ __typename?: 'WebhookDeliveryAttempt', at: string, outcome: WebhookAttemptOutcome, statusCode?: number | null, durationMs: number, responseExcerpt: string, detail?: string | null }> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type WebhookEndpointsQueryVariables = Exact<{
  sellerId: Scalars['ID']['input'];
}>;


export type WebhookEndpointsQuery = { __typename?: 'Query', webhookEndpoints: { __typename?: 'WebhookEndpointConnection', edges: Array<{ __typename?: 'WebhookEndpointEdge', node: { __typename?: 'WebhookEndpoint', id: string, url: string, eventTypes: Array<EventType>, status: WebhookEndpointStatus, disabledReason?: WebhookDisabledReason | null, secretOverlapEndsAt?: string | null, createdAt: string, version: number } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type DashboardOverviewQueryVariables = Exact<{
  sellerId: Scalars['ID']['input'];
}>;


export type DashboardOverviewQuery = { __typename?: 'Query', seller?: { __typename?: 'Seller', id: string, name: string, overview: { __typename?: 'SellerOverview', ordersLate: number, ordersAtRisk: number, casesAwaitingSeller: number, casesAwaitingAnswerOnOffer: number, casesDueWithin24h: number, offersPending: number, refundApplicationsOpen: number, returnsAwaitingSeller: number, returnsDueWithin24h: number, asOf: string } } | null };

export type DepositRefundEligibilityQueryVariables = Exact<{
  depositId: Scalars['ID']['input'];
  documentKinds?: InputMaybe<Array<EvidenceDocumentKind> | EvidenceDocumentKind>;
}>;


export type DepositRefundEligibilityQuery = { __typename?: 'Query', depositRefundEligibility?: { __typename?: 'DepositRefundEligibility', depositId: string, eligible: boolean, recommendation: DepositRefundRecommendation, requiredDocuments: Array<EvidenceDocumentKind>, missingDocuments: Array<EvidenceDocumentKind>, assessedAt: string, blockers: Array<{ __typename?: 'DepositRefundBlocker', code: DepositRefundBlockerCode, message: string }>, progress: { __typename?: 'DepositRefundProgress', termEndsAt?: string | null, daysLeft?: number | null, monthsMeetingRule?: number | null, monthsRequired?: number | null, salesToDate: { __typename?: 'Money', formatted: string }, salesTarget?: { __typename?: 'Money', formatted: string } | null, monthlySales?: Array<{ __typename?: 'MonthlySales', month: string, meetsRule: boolean, sales: { __typename?: 'Money', formatted: string } }> | null } } | null };

export type SellerDepositsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type SellerDepositsQuery = { __typename?: 'Query', deposits: { __typename?: 'DepositConnection', edges: Array<{ __typename?: 'DepositEdge', cursor: string, node: { __typename?: 'Deposit', id: string, kind: DepositKind, status: DepositStatus, paidAt: string, termEnd?: string | null, version: number, amount: { __typename?: 'Money', formatted: string }, salesTarget?: { __typename?: 'Money', formatted: string } | null, sustainedRule?: { __typename?: 'SustainedSalesRule', months: number, minMonthlySales: { __typename?: 'Money', formatted: string } } | null, refundedAmount?: { __typename?: 'Money', formatted: string } | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type LateOrderQueueQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type LateOrderQueueQuery = { __typename?: 'Query', lateOrders: { __typename?: 'OrderConnection', edges: Array<{ __typename?: 'OrderEdge', cursor: string, node: { __typename?: 'Order', id: string, marketplaceOrderId: string, status: OrderStatus, placedAt: string, shipBy: string, late: boolean, atRisk: boolean, timeLeftSeconds?: number | null, buyerCountry: string, expedited: boolean, version: number, buyerTotal: { __typename?: 'Money', amountMinor: number, currency: string, formatted: string }, refundable: { __typename?: 'Money', formatted: string }, risk: { __typename?: 'RiskAssessment', score: number, level: RiskLevel }, remedyPlan?: { __typename?: 'RemedyPlan', cause: IncidentCause, daysLate: number, complete: boolean, steps: Array<{ __typename?: 'RemedyStep', code: RemedyStepCode, instruction: string, done: boolean, doneAt?: string | null, suggestedCompensation?: { __typename?: 'SuggestedCompensation', kind: CompensationKind, percentOfOrder: number, amount: { __typename?: 'Money', amountMinor: number, currency: string, formatted: string } } | null, buyerMessages: Array<{ __typename?: 'BuyerMessage', language: string, text: string }> }> } | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type LateOrdersInChineseQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type LateOrdersInChineseQuery = { __typename?: 'Query', lateOrders: { __typename?: 'OrderConnection', edges: Array<{ __typename?: 'OrderEdge', node: { __typename?: 'Order', marketplaceOrderId: string, shipBy: string, buyerTotal: { __typename?: 'Money', amountMinor: number, currency: string, formatted: string }, remedyPlan?: { __typename?: 'RemedyPlan', steps: Array<{ __typename?: 'RemedyStep', code: RemedyStepCode, instruction: string, suggestedCompensation?: { __typename?: 'SuggestedCompensation', kind: CompensationKind, percentOfOrder: number, amount: { __typename?: 'Money', amountMinor: number, currency: string, formatted: string } } | null }> } | null } }> } };

export type OpenCasesQueryVariables = Exact<{
  status?: InputMaybe<CaseStatus>;
  owesAnswer?: InputMaybe<Scalars['Boolean']['input']>;
  dueWithin24h?: InputMaybe<Scalars['Boolean']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type OpenCasesQuery = { __typename?: 'Query', cases: { __typename?: 'CaseConnection', edges: Array<{ __typename?: 'CaseEdge', cursor: string, node: { __typename?: 'Case', id: string, reason: CaseReason, source: CaseSource, status: CaseStatus, openedAt: string, respondBy: string, respondTimeLeftSeconds?: number | null, overdue: boolean, unansweredBuyerMessages: number, availableActions: Array<CaseAction>, version: number, claimAmount?: { __typename?: 'Money', formatted: string } | null, order?: { __typename?: 'Order', id: string, marketplaceOrderId: string, buyerTotal: { __typename?: 'Money', formatted: string }, refundable: { __typename?: 'Money', amountMinor: number, currency: string, formatted: string } } | null, pendingOffer?: { __typename?: 'CompensationOffer', id: string, kind: CompensationKind, expiresAt: string, amount: { __typename?: 'Money', formatted: string } } | null, openReturn?: { __typename?: 'CaseReturn', id: string, status: ReturnStatus, dueBy?: string | null, overdue: boolean, availableActions: Array<ReturnAction> } | null, risk: { __typename?: 'RiskAssessment', score: number, level: RiskLevel } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };


export const RespondToCompensationOfferDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RespondToCompensationOffer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RespondToCompensationOfferInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"respondToCompensationOffer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"offers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"answeredAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RespondToCompensationOfferMutation, RespondToCompensationOfferMutationVariables>;
export const CreateSellerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateSeller"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSellerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSeller"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"settlementCurrency"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateSellerMutation, CreateSellerMutationVariables>;
export const DecideDepositRefundDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DecideDepositRefund"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DecideDepositRefundInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decideDepositRefund"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"application"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"deposit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"refundedAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DecideDepositRefundMutation, DecideDepositRefundMutationVariables>;
export const DepositRefundApplicationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DepositRefundApplications"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DepositRefundApplicationStatus"}},"defaultValue":{"kind":"EnumValue","value":"PENDING"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"depositRefundApplications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sellerId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"recommendation"}},{"kind":"Field","name":{"kind":"Name","value":"currentRecommendation"}},{"kind":"Field","name":{"kind":"Name","value":"appliedAt"}},{"kind":"Field","name":{"kind":"Name","value":"documents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"checksum"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deposit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountMinor"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<DepositRefundApplicationsQuery, DepositRefundApplicationsQueryVariables>;
export const EscalatedCasesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EscalatedCases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sellerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sellerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sellerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"ESCALATED"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"escalatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"claimAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"marketplaceOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"buyerTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"submittedBy"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"redactedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"buyer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"submittedBy"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"redactedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"platform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"submittedBy"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"redactedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<EscalatedCasesQuery, EscalatedCasesQueryVariables>;
export const ApplyForDepositRefundDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApplyForDepositRefund"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApplyForDepositRefundInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applyForDepositRefund"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"application"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"recommendation"}},{"kind":"Field","name":{"kind":"Name","value":"appliedAt"}},{"kind":"Field","name":{"kind":"Name","value":"documents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"deposit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ApplyForDepositRefundMutation, ApplyForDepositRefundMutationVariables>;
export const ChangesSinceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ChangesSince"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sellerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ordersAfter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"casesAfter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sellerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sellerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"updatedSince"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ordersAfter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"marketplaceOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sellerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sellerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"updatedSince"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"casesAfter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ChangesSinceQuery, ChangesSinceQueryVariables>;
export const EventsCatchUpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventsCatchUp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sellerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"types"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EventType"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sellerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sellerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"types"},"value":{"kind":"Variable","name":{"kind":"Name","value":"types"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"objectType"}},{"kind":"Field","name":{"kind":"Name","value":"objectId"}},{"kind":"Field","name":{"kind":"Name","value":"objectVersion"}},{"kind":"Field","name":{"kind":"Name","value":"partId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"actorKeyId"}},{"kind":"Field","name":{"kind":"Name","value":"payload"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<EventsCatchUpQuery, EventsCatchUpQueryVariables>;
export const ImportOrdersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportOrders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportOrdersInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importOrders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createdCount"}},{"kind":"Field","name":{"kind":"Name","value":"duplicateCount"}},{"kind":"Field","name":{"kind":"Name","value":"rejectedCount"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"marketplaceOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"existingOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"shipBy"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"buyerTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountMinor"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ImportOrdersMutation, ImportOrdersMutationVariables>;
export const MakeCompensationOfferDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MakeCompensationOffer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MakeCompensationOfferInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"makeCompensationOffer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pendingOffer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountMinor"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"percentOff"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<MakeCompensationOfferMutation, MakeCompensationOfferMutationVariables>;
export const MarkOrderShippedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkOrderShipped"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MarkOrderShippedInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markOrderShipped"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"marketplaceOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"shippedAt"}},{"kind":"Field","name":{"kind":"Name","value":"shippedLate"}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<MarkOrderShippedMutation, MarkOrderShippedMutationVariables>;
export const OrderByMarketplaceIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderByMarketplaceId"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sellerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"marketplaceOrderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sellerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sellerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"marketplaceOrderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"marketplaceOrderId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"marketplaceOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"shipBy"}},{"kind":"Field","name":{"kind":"Name","value":"late"}},{"kind":"Field","name":{"kind":"Name","value":"atRisk"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<OrderByMarketplaceIdQuery, OrderByMarketplaceIdQueryVariables>;
export const RecordRemedyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordRemedy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordRemedyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordRemedy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"firstResponseAt"}},{"kind":"Field","name":{"kind":"Name","value":"remedies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RecordRemedyMutation, RecordRemedyMutationVariables>;
export const RedeliverWebhookEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RedeliverWebhookEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RedeliverWebhookEventInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"redeliverWebhookEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"delivery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"endpointId"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"redelivery"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RedeliverWebhookEventMutation, RedeliverWebhookEventMutationVariables>;
export const RegisterWebhookEndpointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterWebhookEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterWebhookEndpointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookEndpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sellerId"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"eventTypes"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"signingSecret"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterWebhookEndpointMutation, RegisterWebhookEndpointMutationVariables>;
export const SubmitCaseEvidenceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitCaseEvidence"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitCaseEvidenceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitCaseEvidence"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"side"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}}]}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<SubmitCaseEvidenceMutation, SubmitCaseEvidenceMutationVariables>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"credential"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"sellerIds"}},{"kind":"Field","name":{"kind":"Name","value":"allSellers"}},{"kind":"Field","name":{"kind":"Name","value":"partnerAccess"}},{"kind":"Field","name":{"kind":"Name","value":"access"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"read"}},{"kind":"Field","name":{"kind":"Name","value":"actsAsSeller"}},{"kind":"Field","name":{"kind":"Name","value":"actsForBuyer"}},{"kind":"Field","name":{"kind":"Name","value":"operates"}},{"kind":"Field","name":{"kind":"Name","value":"caseActors"}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const WebhookDeliveriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebhookDeliveries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sellerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"endpointId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookDeliveryStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookDeliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sellerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sellerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"endpointId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"endpointId"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"objectType"}},{"kind":"Field","name":{"kind":"Name","value":"objectId"}},{"kind":"Field","name":{"kind":"Name","value":"objectVersion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"redelivery"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"settledAt"}},{"kind":"Field","name":{"kind":"Name","value":"attemptCount"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"statusCode"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"responseExcerpt"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<WebhookDeliveriesQuery, WebhookDeliveriesQueryVariables>;
export const WebhookEndpointsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebhookEndpoints"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sellerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookEndpoints"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sellerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sellerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"eventTypes"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}},{"kind":"Field","name":{"kind":"Name","value":"secretOverlapEndsAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<WebhookEndpointsQuery, WebhookEndpointsQueryVariables>;
export const DashboardOverviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardOverview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sellerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seller"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sellerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"overview"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ordersLate"}},{"kind":"Field","name":{"kind":"Name","value":"ordersAtRisk"}},{"kind":"Field","name":{"kind":"Name","value":"casesAwaitingSeller"}},{"kind":"Field","name":{"kind":"Name","value":"casesAwaitingAnswerOnOffer"}},{"kind":"Field","name":{"kind":"Name","value":"casesDueWithin24h"}},{"kind":"Field","name":{"kind":"Name","value":"offersPending"}},{"kind":"Field","name":{"kind":"Name","value":"refundApplicationsOpen"}},{"kind":"Field","name":{"kind":"Name","value":"returnsAwaitingSeller"}},{"kind":"Field","name":{"kind":"Name","value":"returnsDueWithin24h"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardOverviewQuery, DashboardOverviewQueryVariables>;
export const DepositRefundEligibilityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DepositRefundEligibility"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"depositId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"documentKinds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EvidenceDocumentKind"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"depositRefundEligibility"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"depositId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"depositId"}}},{"kind":"Argument","name":{"kind":"Name","value":"documentKinds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"documentKinds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"depositId"}},{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"recommendation"}},{"kind":"Field","name":{"kind":"Name","value":"blockers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"salesToDate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"salesTarget"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"termEndsAt"}},{"kind":"Field","name":{"kind":"Name","value":"daysLeft"}},{"kind":"Field","name":{"kind":"Name","value":"monthsMeetingRule"}},{"kind":"Field","name":{"kind":"Name","value":"monthsRequired"}},{"kind":"Field","name":{"kind":"Name","value":"monthlySales"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"sales"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meetsRule"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"requiredDocuments"}},{"kind":"Field","name":{"kind":"Name","value":"missingDocuments"}},{"kind":"Field","name":{"kind":"Name","value":"assessedAt"}}]}}]}}]} as unknown as DocumentNode<DepositRefundEligibilityQuery, DepositRefundEligibilityQueryVariables>;
export const SellerDepositsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SellerDeposits"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deposits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"paidAt"}},{"kind":"Field","name":{"kind":"Name","value":"termEnd"}},{"kind":"Field","name":{"kind":"Name","value":"salesTarget"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sustainedRule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minMonthlySales"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"months"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refundedAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<SellerDepositsQuery, SellerDepositsQueryVariables>;
export const LateOrderQueueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LateOrderQueue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lateOrders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"marketplaceOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"placedAt"}},{"kind":"Field","name":{"kind":"Name","value":"shipBy"}},{"kind":"Field","name":{"kind":"Name","value":"late"}},{"kind":"Field","name":{"kind":"Name","value":"atRisk"}},{"kind":"Field","name":{"kind":"Name","value":"timeLeftSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"buyerCountry"}},{"kind":"Field","name":{"kind":"Name","value":"buyerTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountMinor"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refundable"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expedited"}},{"kind":"Field","name":{"kind":"Name","value":"risk"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"level"}}]}},{"kind":"Field","name":{"kind":"Name","value":"remedyPlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cause"}},{"kind":"Field","name":{"kind":"Name","value":"daysLate"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"instruction"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"doneAt"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedCompensation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"percentOfOrder"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountMinor"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"buyerMessages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<LateOrderQueueQuery, LateOrderQueueQueryVariables>;
export const LateOrdersInChineseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LateOrdersInChinese"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lateOrders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"marketplaceOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"shipBy"}},{"kind":"Field","name":{"kind":"Name","value":"buyerTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountMinor"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"remedyPlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"instruction"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedCompensation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"percentOfOrder"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountMinor"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<LateOrdersInChineseQuery, LateOrdersInChineseQueryVariables>;
export const OpenCasesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OpenCases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CaseStatus"}},"defaultValue":{"kind":"EnumValue","value":"AWAITING_SELLER"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"owesAnswer"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dueWithin24h"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"owesAnswer"},"value":{"kind":"Variable","name":{"kind":"Name","value":"owesAnswer"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"dueWithin24h"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dueWithin24h"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"openedAt"}},{"kind":"Field","name":{"kind":"Name","value":"respondBy"}},{"kind":"Field","name":{"kind":"Name","value":"respondTimeLeftSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"unansweredBuyerMessages"}},{"kind":"Field","name":{"kind":"Name","value":"claimAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"marketplaceOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"buyerTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refundable"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountMinor"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pendingOffer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"openReturn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dueBy"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}},{"kind":"Field","name":{"kind":"Name","value":"risk"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"level"}}]}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<OpenCasesQuery, OpenCasesQueryVariables>;