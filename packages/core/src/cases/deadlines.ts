import { addMs, toMs, type Instant } from "../time";
import { returnDeadline } from "../returns/verbs";
import { changeOf, next, timelineText } from "./change";
import { checkAction } from "./machine";
import { withOffer } from "./offers";
import {
  defaultCaseRules,
  hasLapsed,
  isOpen,
  nextDeadlineAt,
  responseDueSoonAt,
  type Case,
  type CaseRules,
  type Change,
} from "./shapes";

/** What the case-deadline job decides for a case whose deadline has come. */
export type DeadlineCheck =
  | { kind: "change"; change: Change }
  | { kind: "reschedule"; case: Case }
  /**
   * The seller's response deadline is near (within `RESPONSE_DUE_SOON_MS`) and not missed yet: the
   * case records that it was warned for this deadline (a new version, no timeline entry), and the
   * job writes CASE_RESPONSE_DUE_SOON with it.
   */
  | { kind: "dueSoon"; case: Case }
  | { kind: "nothing" };

/**
 * The case-deadline job's rule: an offer past `expiresAt` becomes EXPIRED (the seller must answer
 * again, within the reason's window counted from `expiresAt`); a case past `respondBy` still awaiting
 * the seller is flagged once; the open return past its deadline lapses or escalates the case
 * (../returns/verbs.ts, `returnDeadline`).
 */
export function checkDeadlines(args: { case: Case; now: Instant; rules?: CaseRules }): DeadlineCheck {
  const { case: c, now } = args;
  const rules = args.rules ?? defaultCaseRules;
  if (!isOpen(c.status))
    return c.nextDeadlineAt ? { kind: "reschedule", case: { ...c, nextDeadlineAt: null } } : { kind: "nothing" };
  const returned = returnDeadline({ case: c, now });
  if (returned) return { kind: "change", change: returned };
  const pending = c.offers.find((o) => o.status === "PENDING");
  if (c.status === "OFFER_PENDING" && pending && hasLapsed(pending, now)) {
    const status = checkAction(c.status, "EXPIRE_OFFER", ["SYSTEM"]);
    if (!status.ok) return { kind: "nothing" };
    const after = next(c, now, {
      status: status.value,
      offers: withOffer(c, { ...pending, status: "EXPIRED", answeredAt: now }),
      // From the moment the offer lapsed, not from this run: the seller set `expiresAt` and knows it, and a job
      // that runs late (or after an outage) must not move the seller's deadline.
      respondBy: addMs(pending.expiresAt, rules.respondWithinMs[c.reason]),
      responseOverdueAt: null,
    });
    return {
      kind: "change",
      change: changeOf(
        c,
        after,
        "OFFER_EXPIRED",
        "SYSTEM",
        now,
        timelineText("timeline.offerExpired", { kind: pending.kind }),
      ),
    };
  }
  if (c.status === "AWAITING_SELLER" && !c.responseOverdueAt && toMs(now) > toMs(c.respondBy)) {
    const after = next(c, now, { responseOverdueAt: now });
    return {
      kind: "change",
      change: changeOf(
        c,
        after,
        "RESPONSE_OVERDUE",
        "SYSTEM",
        now,
        timelineText("timeline.responseOverdue", { respondBy: c.respondBy }),
      ),
    };
  }
  const warning = responseDueSoonAt(c);
  if (warning && toMs(now) >= toMs(warning) && toMs(now) <= toMs(c.respondBy)) {
    const warned = { ...c, responseDueSoonFor: c.respondBy, version: c.version + 1, updatedAt: now };
    return { kind: "dueSoon", case: { ...warned, nextDeadlineAt: nextDeadlineAt(warned) } };
  }
  const due = nextDeadlineAt(c);
  return due !== c.nextDeadlineAt ? { kind: "reschedule", case: { ...c, nextDeadlineAt: due } } : { kind: "nothing" };
}
