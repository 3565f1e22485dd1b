import { Cases, Orders, Stats, Webhooks } from "@seller-ops/core";
import { defaultRetentionRules, redactionKeys } from "./retention";
import type { ItemKind } from "./shapes";
import { sellerDeadlineKeys } from "./sellerDeadlines";
import { encodeStoredPayload } from "./storedPayload";

/**
 * The registry of stored-shape changes: every change to what an item stores is one named step
 * here (docs/changing-stored-data.md). Readers apply the steps in memory to older items, and
 * `npm run migrate` applies them to the table, so a step must be a pure function of the item:
 * no clock, no I/O, no other item. Steps for one kind apply in the order listed, each from the
 * version `from` to `to = from + 1`; the last `to` is the kind's current shape, which every write
 * stamps. Append new steps; never edit or remove one that has been released.
 */
export interface MigrationStep {
  /** Unique, stable, says what changes: `orders-2-money-as-object`. The migrate report and progress name it. */
  name: string;
  kind: ItemKind;
  from: number;
  to: number;
  /** The item in its `to` shape (keys unchanged; the runner sets `shape`). */
  up(item: Record<string, unknown>): Record<string, unknown>;
}

/**
 * A case item with `qualityDisputeLostAt` derived again by the rule of this release (`Stats.qualityDisputeLostAt`):
 * the steps that change which quality disputes count as lost put the cases resolved before them in, or out of, the
 * index of them. Pure: the instant is the case's own `resolvedAt`.
 */
function withQualityDisputeLostAt(item: Record<string, unknown>): Record<string, unknown> {
  const lostAt = Stats.qualityDisputeLostAt(Cases.Info.parse(item));
  if (lostAt) return { ...item, qualityDisputeLostAt: lostAt };
  // The index is sparse: a case that lost no quality dispute has no key attribute (never NULL).
  const { qualityDisputeLostAt: _none, ...rest } = item;
  return rest;
}

/**
 * The lines that held the people's note before caseEvent-3, per entry type: the English `summary` as every release
 * wrote it (before timeline texts with the outcome's code, after with its words), split into the line without the
 * note (its parts around it) and the note (the group `note`).
 */
const NOTED_LINES: Record<string, { line: RegExp; without: (m: RegExpMatchArray) => string }> = {
  ESCALATED: { line: /^Escalated to the platform: (?<note>[\s\S]+)$/, without: () => "Escalated to the platform." },
  RETURN_CANCELLED: {
    line: /^The buyer cancelled the return: (?<note>[\s\S]+)$/,
    without: () => "The buyer cancelled the return.",
  },
  RESOLVED: {
    line: /^(Resolved: [^(]*) \((?<note>[\s\S]+)\)\.( The open return is cancelled\.)?$/,
    without: (m) => `${m[1]}.${m[3] ?? ""}`,
  },
};

/**
 * caseEvent-3: an entry of a noted type whose note is in its line (`said.params.note`, or only in `summary` for an
 * entry written before timeline texts) gets it as its `body`, scheduled for redaction as `CasesRepo` schedules a
 * body (365 days after the entry), and loses it from `summary` and `said`. Other entries are kept as they are.
 */
function noteAsBody(item: Record<string, unknown>): Record<string, unknown> {
  const noted = NOTED_LINES[String(item.type)];
  if (!noted || typeof item.summary !== "string" || (typeof item.body === "string" && item.body !== "")) return item;
  const said = item.said as { key: string; params: Record<string, unknown> } | null | undefined;
  const match = item.summary.match(noted.line);
  const saidNote = typeof said?.params.note === "string" && said.params.note !== "" ? said.params.note : null;
  const note = saidNote ?? match?.groups?.note ?? null;
  if (note === null) return item;
  // A line in none of the released forms cannot be told apart from its note: it goes without the note's text.
  const summary = match ? noted.without(match) : item.summary.split(note).join("");
  const { note: _note, ...params } = said?.params ?? {};
  return {
    ...item,
    summary,
    ...(said && { said: { ...said, params } }),
    body: note,
    ...redactionKeys(`${String(item.pk)}/${String(item.sk)}`, String(item.at), defaultRetentionRules.messageBodyMs),
  };
}

/** Version 1 is the shape today's items already have: the step only records the version. */
const versioned = (kind: ItemKind): MigrationStep => ({
  name: `${kind}-1-shape-versioned`,
  kind,
  from: 0,
  to: 1,
  up: (item) => item,
});

export const MIGRATIONS: readonly MigrationStep[] = [
  // Sellers table
  versioned("seller"),
  versioned("sellerDay"),
  // Orders table
  versioned("order"),
  versioned("marketplaceOrderGuard"),
  versioned("refundReferenceGuard"),
  // Cases table
  versioned("case"),
  versioned("caseEvent"),
  {
    // A timeline entry keeps its line as a text (`said`: a `timeline.*` key and its figures), written
    // when read in the reader's language (issue 21). An entry written before has no figures to build
    // one from (its amounts and deadlines are only in the English line, as the case was then): it
    // keeps `said: null` and is read as its stored English `summary`, which every entry still carries.
    name: "caseEvent-2-said-as-text",
    kind: "caseEvent",
    from: 1,
    to: 2,
    up: (item) => (item.said === undefined ? { ...item, said: null } : item),
  },
  {
    // The people's notes given with an escalation, a resolution or a return's cancellation are personal data
    // (phone numbers, addresses): they were written into the entry's line, which is never redacted. They become
    // the entry's body, redacted 365 days after it like a message body (packages/db/src/retention.ts).
    name: "caseEvent-3-note-as-body",
    kind: "caseEvent",
    from: 2,
    to: 3,
    up: noteAsBody,
  },
  // Deposits table
  versioned("deposit"),
  versioned("refundApplication"),
  versioned("violation"),
  {
    // A violation recorded by mistake can be voided (`voidViolation`): kept for audit, it then blocks no refund. The
    // void is written under the violation's version, which a violation recorded before had not: version 1, standing.
    name: "violation-2-voidable",
    kind: "violation",
    from: 1,
    to: 2,
    up: (item) => ({
      ...item,
      version: item.version ?? 1,
      voidedAt: item.voidedAt ?? null,
      voidedBy: item.voidedBy ?? null,
      voidReason: item.voidReason ?? null,
    }),
  },
  // ApiKeys table
  versioned("apiKey"),
  {
    // Partner keys become seller-side only (CHANGELOG: "partner keys act for the seller only").
    // A read-write partner key could act for the buyer until now: it keeps its grant and secret,
    // and is marked so operators can find the tools that may need a MARKETPLACE key
    // (`npm run keys -- list`). Nothing else changes: no key gains or keeps a buyer-side power.
    name: "apiKey-2-partner-keys-seller-side-only",
    kind: "apiKey",
    from: 1,
    to: 2,
    up: (item) =>
      item.role === "PARTNER" && item.access === "READ_WRITE" ? { ...item, formerlyBuyerSide: true } : item,
  },
  // Idempotency table
  versioned("idempotencyRecord"),
  {
    // A completed record keeps its answer compressed (storedPayload.ts): it is written inside the
    // effect's transaction, where every started KB is charged twice. Readers take either form.
    name: "idempotencyRecord-2-payload-compressed",
    kind: "idempotencyRecord",
    from: 1,
    to: 2,
    up: ({ payload, ...item }) =>
      payload === undefined || item.payloadZ !== undefined ? item : { ...item, payloadZ: encodeStoredPayload(payload) },
  },
  {
    // A one-item effect (a webhook endpoint's change, a redelivery) claims its key before its write:
    // an IN_PROGRESS record naming the item (`target`), the attempt, the effect id and a lease
    // (idempotency.ts, "One-item effects"). Records stored before have none of them: nothing to add.
    name: "idempotencyRecord-3-claims-name-their-item",
    kind: "idempotencyRecord",
    from: 2,
    to: 3,
    up: (item) => item,
  },
  versioned("migrationProgress"),
  // WebhookEndpoints table (issue 19): born at shape 1.
  versioned("webhookEndpoint"),
  {
    // An endpoint changed under an idempotency key carries the key's marker (`keyedBy`,
    // keyedItems.ts) until its next write. Endpoints stored before carry none: absent is "no marker".
    name: "webhookEndpoint-2-keyed-by-marker",
    kind: "webhookEndpoint",
    from: 1,
    to: 2,
    up: (item) => item,
  },
  {
    // A disabled endpoint records who switched it off (`disabledBy`), the least authority that may switch it on
    // again (core/src/webhooks/registry.ts). Endpoints switched off before it: the dispatcher's REPEATED_FAILURES
    // were the system's; BY_OWNER did not say who, and is taken as the seller's (the operators' for the operator
    // scope): `Webhooks.presumedDisabledBy`, so a partner tool cannot switch back on what its seller may have.
    name: "webhookEndpoint-3-disabled-by",
    kind: "webhookEndpoint",
    from: 2,
    to: 3,
    up: (item) =>
      item.status === "DISABLED" && item.disabledBy === undefined
        ? {
            ...item,
            disabledBy: Webhooks.presumedDisabledBy({
              disabledReason: item.disabledReason === "REPEATED_FAILURES" ? "REPEATED_FAILURES" : "BY_OWNER",
              scope: String(item.scope),
            }),
          }
        : item,
  },
  versioned("webhookScopeCount"),
  // Events table (new with the event log: its items are born at version 1)
  versioned("event"),
  // WebhookDeliveries table (new: its items start at shape 1)
  versioned("webhookDelivery"),
  versioned("webhookDeliveryLease"),
  versioned("webhookEndpointHealth"),
  {
    // An order names its one late-shipment case. Orders the late-order job flagged before this
    // have the job's case, whose id is derived from theirs. (A LATE_SHIPMENT case opened through
    // openCase on an unflagged order before this step is not found by a pure step: the job
    // would adopt nothing and open its own; see issue 15.)
    name: "order-2-late-shipment-case-named",
    kind: "order",
    from: 1,
    to: 2,
    up: (item) => ({
      ...item,
      lateShipmentCaseId: item.lateShipmentCaseId ?? (item.lateFlaggedAt ? `late-${String(item.id)}` : null),
    }),
  },
  {
    // A case keeps its returns (exchanges and returns with a tracked parcel, packages/core/src/returns):
    // cases written before returns existed have none. Additive: older code reads past the attribute (and does not write
    // over a case of this shape: shapes.ts, NewerItemRefused).
    name: "case-2-returns-listed",
    kind: "case",
    from: 1,
    to: 2,
    up: (item) => ({ ...item, returns: Array.isArray(item.returns) ? item.returns : [] }),
  },
  {
    // A case keeps the evidence each side submitted (core/src/cases/evidence.ts). Cases stored
    // before had none: an empty list, and no redaction schedule (nothing to redact).
    name: "case-3-evidence",
    kind: "case",
    from: 2,
    to: 3,
    up: (item) => ({ ...item, evidence: Array.isArray(item.evidence) ? item.evidence : [] }),
  },
  // A seller's overview counters (packages/db/src/overview.ts): a new kind, born at version 1. Its
  // counters are a recount of other items, which no pure step can compute: `npm run stats -- rebuild`
  // writes them for sellers stored before it (docs/changing-stored-data.md, "The overview counters").
  { name: "sellerOverview-1-counters", kind: "sellerOverview", from: 0, to: 1, up: (item) => item },
  {
    // A seller reads its texts in a language it chooses (en, zh-CN; packages/core/src/i18n), and
    // the profile takes a version for that change. Profiles written before: English, version 1.
    name: "seller-2-language-and-version",
    kind: "seller",
    from: 1,
    to: 2,
    up: (item) => ({
      ...item,
      language: item.language ?? "en",
      version: item.version ?? 1,
      updatedAt: item.updatedAt ?? null,
    }),
  },
  {
    // The case-deadline job warns before a response deadline is missed (CASE_RESPONSE_DUE_SOON, docs/events.md):
    // cases remember which deadline they were warned for (none yet), and the job looks at them a day before
    // `respondBy` (12 hours for a late-shipment case: `Cases.responseDueSoonLeadMs`). Pure: the next deadline is a
    // function of the item.
    name: "case-4-response-due-soon",
    kind: "case",
    from: 3,
    to: 4,
    up: (item) => {
      const withWarning: Record<string, unknown> = { ...item, responseDueSoonFor: item.responseDueSoonFor ?? null };
      // A case the job is not watching (no shard: resolved, closed) gains no deadline from this step.
      if (typeof item.deadlineShard !== "string") return withWarning;
      const next = Cases.nextDeadlineAt(Cases.Info.parse(withWarning));
      if (next !== null) return { ...withWarning, nextDeadlineAt: next };
      // The index is sparse: a case with no deadline has neither key attribute (never NULL).
      const { nextDeadlineAt: _gone, deadlineShard: _shard, ...unwatched } = withWarning;
      return unwatched;
    },
  },
  {
    // A case lost as a quality dispute keeps when, as the key of the sparse index `qualityDisputesLostBySeller`:
    // deposit eligibility reads a term's edge days there (it kept a set on the day's counter item, which grew
    // with every dispute lost that day). Pure: the instant is the case's own `resolvedAt`. Cases stored before
    // enter the index once migrated; until then their day's disputes all count (the safe side).
    name: "case-5-quality-dispute-lost-at",
    kind: "case",
    from: 4,
    to: 5,
    up: withQualityDisputeLostAt,
  },
  {
    // A quality dispute settled for the buyer by an accepted refund or discount offer, or by a replacement, is lost
    // too (`Cases.resolvedForBuyer`): cases resolved so before this step enter the index of them, at their own
    // `resolvedAt`, as case-5 put the others. Pure, as case-5. Their days' counters are a recount, which
    // `npm run stats -- rebuild` writes (docs/changing-stored-data.md, "When the counting rule changes").
    name: "case-6-quality-dispute-conceded-in-any-form",
    kind: "case",
    from: 5,
    to: 6,
    up: withQualityDisputeLostAt,
  },
  {
    // The day item drops its set of quality-dispute marks (`qualityDisputesLostAt`, `<resolvedAt>#<caseId>` each):
    // every write to the day was charged on the whole item, so the set made each order or case change of a busy
    // day dearer, up to the item's 400 KB limit. The cases' own index (case-5) replaces it.
    name: "sellerDay-2-dispute-marks-dropped",
    kind: "sellerDay",
    from: 1,
    to: 2,
    up: ({ qualityDisputesLostAt: _marks, ...item }) => item,
  },
  // A redelivery's guard per (endpoint, event) in the WebhookDeliveries table (new: its items are born at version 1).
  versioned("webhookRedeliveryGuard"),
  {
    // A buyer's case whose first answer the seller missed keeps the deadline it missed (`firstResponseMissedAt`): the
    // on-time first response rate counts it on that day, where it counted nothing until the seller replied. A case
    // stored flagged overdue (`responseOverdueAt`) with no seller answer yet missed its `respondBy` as it stands (a
    // restart of `respondBy` clears the flag). Pure. A case answered late after its flag was cleared keeps null: its
    // late reply counted, as it still does. The days' counters are a recount, which `npm run stats -- rebuild` writes
    // (docs/changing-stored-data.md, "When the counting rule changes").
    name: "case-7-first-response-missed",
    kind: "case",
    from: 6,
    to: 7,
    up: (item) => {
      const missed = typeof item.responseOverdueAt === "string" && item.firstResponseAt == null;
      return { ...item, firstResponseMissedAt: item.firstResponseMissedAt ?? (missed ? item.respondBy : null) };
    },
  },
  {
    // A case the buyer escalated or withdrew (or that was resolved) after `respondBy` with no seller answer, before the
    // case-deadline job flagged it, missed its first answer too (`firstResponseMissedAt`): the change that took it out
    // of AWAITING_SELLER now records it. A case with no seller answer yet left AWAITING_SELLER (where a buyer's message
    // does not restart `respondBy`) only so, at the earlier of `escalatedAt` and `resolvedAt`, with the `respondBy`
    // it was opened with. Pure. A case answered after that keeps null: its late reply counted, as it still does. The
    // days' counters are a recount, which `npm run stats -- rebuild` writes (as for case-7).
    name: "case-8-first-response-missed-on-leaving",
    kind: "case",
    from: 7,
    to: 8,
    up: (item) => {
      if (item.firstResponseMissedAt != null || item.firstResponseAt != null) return item;
      const left = [item.escalatedAt, item.resolvedAt].filter((t): t is string => typeof t === "string").sort()[0];
      const missed = left !== undefined && typeof item.respondBy === "string" && left > item.respondBy;
      return missed ? { ...item, firstResponseMissedAt: item.respondBy } : item;
    },
  },
  {
    // The case-deadline job watches two deadlines it did not before: a buyer's message written while the seller's offer
    // was pending is owed an answer by `respondBy` (`Cases.owesAnswer`), and a late-shipment case is warned 12 hours
    // before `respondBy`, not a day (`Cases.responseDueSoonLeadMs`). A watched case (one with a shard) gets the next
    // deadline of the current rule, so an offer pending with an unanswered message is not left until the offer's
    // expiry and then flagged at once. Pure, as case-4: the next deadline is a function of the item.
    name: "case-9-owed-answer-watched",
    kind: "case",
    from: 8,
    to: 9,
    up: (item) => {
      if (typeof item.deadlineShard !== "string") return item;
      const next = Cases.nextDeadlineAt(Cases.Info.parse(item));
      if (next !== null) return { ...item, nextDeadlineAt: next };
      // The index is sparse: a case with no deadline has neither key attribute (never NULL).
      const { nextDeadlineAt: _gone, deadlineShard: _shard, ...unwatched } = item;
      return unwatched;
    },
  },
  {
    // A group's lease item keeps where the group's unsettled deliveries begin (`settledThrough`, `redeliveredFrom`)
    // and stays when the lease is given back (`leaseUntil` in the past). Items from before have neither: the group is
    // read from its start, as it was, until a drain records a position. Additive: older code ignores both.
    name: "webhookDeliveryLease-2-group-read-position",
    kind: "webhookDeliveryLease",
    from: 1,
    to: 2,
    up: (item) => item,
  },
  {
    // `npm run migrate`'s progress record keeps what its pass left behind on the pages done (`leftBehind`,
    // `leftBehindNotKept`, `unknown`), so a resumed run revisits and reports them. A record from before has none: its
    // pass is read as having left nothing behind. Additive: older code ignores them.
    name: "migrationProgress-2-left-behind",
    kind: "migrationProgress",
    from: 1,
    to: 2,
    up: (item) => item,
  },
  {
    // An order recorded more than a week after its `placedAt` (`Orders.recordedLate`) keeps its `placedAt` again as
    // the key of the sparse index `lateRecordedOrdersBySeller`: an ended deposit term reads there the orders of the
    // term reported after it ended, and leaves them out of its sales. Pure: both instants are the order's own. Until
    // migrated, such an order stored before is not in the index and counts toward its term, as it did.
    name: "order-3-recorded-late-indexed",
    kind: "order",
    from: 2,
    to: 3,
    up: (item) => {
      const late = Orders.recordedLate({ placedAt: String(item.placedAt), createdAt: String(item.createdAt) });
      if (late) return { ...item, recordedLatePlacedAt: item.placedAt };
      // The index is sparse: an order recorded in time has no key attribute (never NULL).
      const { recordedLatePlacedAt: _none, ...rest } = item;
      return rest;
    },
  },
  {
    // A decided refund application keeps, with the decision, what the rules recommended when the operator decided
    // (`Decision.recommendation`), beside the recommendation made when the seller applied. Applications decided
    // before did not keep it: null. Additive: older code reads past it (and does not write over an application of this
    // shape: shapes.ts, NewerItemRefused).
    name: "refundApplication-2-recommendation-at-decision",
    kind: "refundApplication",
    from: 1,
    to: 2,
    up: (item) => {
      const decision = item.decision as Record<string, unknown> | null | undefined;
      if (!decision || typeof decision !== "object") return item;
      return { ...item, decision: { ...decision, recommendation: decision.recommendation ?? null } };
    },
  },
  {
    // The seller overview counts what is due within 24 hours from a new sparse index, `casesBySellerDeadline`: a case
    // owing the seller's move carries the seller and `<deadline>#ANSWER` (an answer by `respondBy`, also a buyer's
    // message during a pending offer) or `<deadline>#RETURN` (an open return's receipt or settlement). Pure: both are
    // the case's own. Until migrated, a case stored before is not in the index and counts in neither due-soon figure.
    name: "case-10-seller-deadline-indexed",
    kind: "case",
    from: 9,
    to: 10,
    up: (item) => {
      const { deadlineSellerId: _seller, sellerDeadline: _deadline, ...rest } = item;
      const c = Cases.Info.parse(item);
      return { ...rest, ...sellerDeadlineKeys(c) };
    },
  },
  // A deposit's payment guard in the Deposits table, one per payment (new: its items are born at version 1).
  versioned("depositPaymentGuard"),
  {
    // A cancelled order keeps who recorded its cancellation (`cancelledBy`: SELLER, the seller's side, or PLATFORM, a
    // marketplace key or an operator): the seller-cancellation rate excuses only the platform's BUYER_REQUESTED and
    // SUSPECTED_FRAUD, never the seller's own word (`Orders.cancelledBySeller`). Orders cancelled before it did not
    // keep it: NOT_RECORDED, which counts by the reason alone as they were counted (every reason but BUYER_REQUESTED),
    // so `npm run stats -- rebuild` agrees with the days stored and moves none of them. Guessing a side would be a
    // claim nobody recorded. Pure; an order not cancelled gets nothing (an absent attribute reads as null).
    name: "order-4-cancelled-by",
    kind: "order",
    from: 3,
    to: 4,
    up: (item) => {
      const cancelledBy = Orders.storedCancelledBy(item);
      return cancelledBy === null ? item : { ...item, cancelledBy };
    },
  },
  // A violation's guard in the Deposits table, one per violation recorded (new: its items are born at version 1).
  versioned("violationGuard"),
  {
    // A quality dispute that gave the buyer money back or replaced the goods is lost however it ended afterwards, an
    // accepted coupon or the buyer's withdrawal included (`Cases.resolvedForBuyer`): cases resolved so before this
    // step enter the index of lost ones at their own `resolvedAt`, as case-6 put others. Pure, as case-6. Their days'
    // counters are a recount, which `npm run stats -- rebuild` writes (docs/changing-stored-data.md).
    name: "case-11-quality-dispute-conceded-before-it-ended",
    kind: "case",
    from: 10,
    to: 11,
    up: withQualityDisputeLostAt,
  },
  {
    // A quality dispute keeps when it was opened (`openedAt`) again as the key of the sparse index
    // `qualityDisputesBySellerOpenedAt`: deposit eligibility read a term's disputes from all the seller's cases opened
    // between its first and last, so a seller with thousands of other cases had them all read on every question. Pure:
    // the case's own reason and instant. Until migrated, a day whose counter says more disputes than the index holds is
    // read from all the seller's cases, as before (packages/db/src/deposits.ts, `readQualityDisputesOpened`).
    name: "case-12-quality-dispute-opened-indexed",
    kind: "case",
    from: 11,
    to: 12,
    up: (item) => {
      if (Stats.isQualityDispute({ reason: item.reason as Cases.CaseReason })) {
        return { ...item, qualityDisputeOpenedAt: item.openedAt };
      }
      // The index is sparse: any other case has no key attribute (never NULL).
      const { qualityDisputeOpenedAt: _none, ...rest } = item;
      return rest;
    },
  },
];
