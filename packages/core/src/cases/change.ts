import { refuse, type Result, type UserError } from "../errors";
import { CATALOGS, english } from "../i18n";
import type { Text, TextParams, TimelineKey } from "../i18n/texts";
import { checkVersion } from "../inputs";
import type { Order } from "../orders";
import { toMs, type Instant } from "../time";
import { checkAction, type ActorRole, type CaseAction, type CaseStatus } from "./machine";
import {
  isLateIncident,
  nextDeadlineAt,
  type Case,
  type CaseEvent,
  type CaseEventType,
  type CaseRules,
  type Change,
} from "./shapes";

/**
 * The building blocks every case verb shares: what it is given, the checks it opens with, and
 * how it turns the case after it into a `Change` (the next state plus the timeline event).
 */

/** What every case verb takes: the case as read, the caller's input and roles, and the instant. */
export interface CaseVerbArgs<Input> {
  case: Case;
  input: Input;
  roles: readonly ActorRole[];
  now: Instant;
  rules?: CaseRules;
}

/** What a verb that adds to the case also takes: the order (for its money) and the id of what it adds. */
export interface CreatesArgs {
  order: Order;
  /** The new remedy's or offer's id, as `open` takes the new case's. */
  id: string;
}

/**
 * The checks every case verb opens with, in this order: the caller's `expectedVersion`, then a
 * refusal of the verb's own that comes before the state machine (if any), then the role and the
 * state (./machine.ts). Gives the state the action leads to.
 */
export function checkOpening(
  args: { case: Case; input: { expectedVersion?: number | null }; roles: readonly ActorRole[] },
  action: CaseAction,
  refusal: UserError | null = null,
): Result<CaseStatus> {
  const version = checkVersion(args.case, args.input.expectedVersion);
  if (!version.ok) return version;
  if (refusal) return refuse(refusal);
  return checkAction(args.case.status, action, args.roles, isLateIncident(args.case));
}

/** A timeline entry's sentence: a `timeline.*` text (texts-timeline.ts). */
export type TimelineText = Extract<Text, { key: TimelineKey }>;

/** Builds a timeline entry's sentence, checking the figures against the key. */
export function timelineText<K extends TimelineKey>(key: K, params: TextParams[K]): TimelineText {
  return { key, params } as TimelineText;
}

/**
 * The sentence a timeline entry says, to write in the reader's language; null for an entry written
 * before entries kept one (its stored English `summary` is its line) or one whose key this release
 * does not know (written by a newer one).
 */
export function saidOf(e: Pick<CaseEvent, "said">): TimelineText | null {
  const key = e.said?.key;
  return key?.startsWith("timeline.") && key in CATALOGS.en ? (e.said as TimelineText) : null;
}

/**
 * A timeline event's id from its running number, spelt so that ids sort as the numbers do: the timeline is read in
 * the order of its sort key, `EVENT#<eventId>`. Up to 999,999 it is six digits, as ids have always been stored; past
 * that, a letter naming how many digits follow (`A` seven, `B` eight, up to `J` for 2^53), since a capital sorts
 * after every digit. A plain wider number would sort "1000000" before "999999" and turn a long-lived case's
 * timeline, and its cursors, out of order.
 */
export function eventIdOf(n: number): string {
  const digits = String(n);
  return digits.length <= 6 ? digits.padStart(6, "0") : String.fromCharCode(65 + digits.length - 7) + digits;
}

export function event(
  c: Case,
  type: CaseEventType,
  actor: ActorRole,
  at: Instant,
  said: TimelineText,
  body: string | null = null,
): CaseEvent {
  return {
    caseId: c.id,
    eventId: eventIdOf(c.eventCount + 1),
    type,
    at,
    actor,
    summary: english(said),
    said,
    body,
    statusAfter: c.status,
  };
}

/**
 * The case after a change: version, time, event count and next deadline kept in step, and a missed first answer
 * (`missedFirstAnswer`) kept when the change takes the case out of AWAITING_SELLER without the seller's answer.
 */
export function next(c: Case, now: Instant, fields: Partial<Case>): Case {
  const updated = { ...c, ...fields, version: c.version + 1, updatedAt: now, eventCount: c.eventCount + 1 };
  const leaves = c.status === "AWAITING_SELLER" && updated.status !== "AWAITING_SELLER";
  const missed = leaves && updated.firstResponseAt === null ? missedFirstAnswer(c, now) : {};
  const kept = { ...updated, ...missed };
  return { ...kept, nextDeadlineAt: nextDeadlineAt(kept) };
}

/**
 * The seller's first answer missed: a case awaiting it past `respondBy` keeps the deadline it missed, once, never
 * cleared (`firstResponseMissedAt`), and the counters count it then (not on time, on that deadline's day) and not
 * again when a late answer comes. The case-deadline job records it with the overdue flag; a change that takes the
 * case out of AWAITING_SELLER without an answer before the job looked (the buyer escalates or withdraws, the case is
 * resolved) records it itself, so the missed answer counts whether the job ran first or not.
 */
export function missedFirstAnswer(c: Case, now: Instant): Pick<Case, "firstResponseMissedAt"> | Record<never, never> {
  const missed =
    c.status === "AWAITING_SELLER" &&
    c.firstResponseAt === null &&
    c.firstResponseMissedAt === null &&
    toMs(now) > toMs(c.respondBy);
  return missed ? { firstResponseMissedAt: c.respondBy } : {};
}

export function changeOf(
  before: Case,
  after: Case,
  type: CaseEventType,
  actor: ActorRole,
  now: Instant,
  said: TimelineText,
  order: Change["order"] = null,
  body: string | null = null,
): Change {
  return {
    case: after,
    event: event({ ...after, eventCount: before.eventCount }, type, actor, now, said, body),
    order,
  };
}

/**
 * What a seller's answer (a message, or a remedy addressed to the buyer) changes: the first response, the unanswered
 * count, an overdue flag.
 */
export function sellerAnswered(c: Case, now: Instant): Partial<Case> {
  const first = c.firstResponseAt === null;
  return {
    firstResponseAt: c.firstResponseAt ?? now,
    firstResponseWithinDeadline: first ? toMs(now) <= toMs(c.respondBy) : c.firstResponseWithinDeadline,
    lastSellerMessageAt: now,
    unansweredBuyerMessages: 0,
    responseOverdueAt: null,
  };
}
