import { toMs, type Instant } from "../time";
import { returnDeadline } from "../returns/verbs";
import { changeOf, missedFirstAnswer, next, timelineText } from "./change";
import { expireLapsedOffer } from "./offers";
import {
  defaultCaseRules,
  isOpen,
  nextDeadlineAt,
  owesAnswer,
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
   * The seller's response deadline is near (within `responseDueSoonLeadMs`: a day, or half the reason's window if
   * shorter) and not missed yet: the
   * case records that it was warned for this deadline (a new version, no timeline entry), and the
   * job writes CASE_RESPONSE_DUE_SOON with it.
   */
  | { kind: "dueSoon"; case: Case }
  | { kind: "nothing" };

/**
 * The case-deadline job's rule: an offer past `expiresAt` becomes EXPIRED (the seller must answer
 * again, within the reason's window counted from `expiresAt`; ./offers.ts, `expireLapsedOffer`, which `makeOffer`
 * applies too when the seller offers again before the job looked); a case past `respondBy` whose seller still owes
 * an answer (`owesAnswer`: awaiting the seller, or a buyer's message during a pending offer) is flagged once; the
 * open return past its deadline lapses or escalates the case (../returns/verbs.ts, `returnDeadline`).
 */
export function checkDeadlines(args: { case: Case; now: Instant; rules?: CaseRules }): DeadlineCheck {
  const { case: c, now } = args;
  const rules = args.rules ?? defaultCaseRules;
  if (!isOpen(c.status))
    return c.nextDeadlineAt ? { kind: "reschedule", case: { ...c, nextDeadlineAt: null } } : { kind: "nothing" };
  const returned = returnDeadline({ case: c, now, rules });
  if (returned) return { kind: "change", change: returned };
  const expired = expireLapsedOffer({ case: c, now, rules });
  if (expired) return { kind: "change", change: expired };
  if (owesAnswer(c) && !c.responseOverdueAt && toMs(now) > toMs(c.respondBy)) {
    // Before any seller answer this is the first answer missed: recorded once, at the deadline it missed, so the
    // counters can count it now and not again when a late answer comes (./change.ts, `missedFirstAnswer`).
    const after = next(c, now, { responseOverdueAt: now, ...missedFirstAnswer(c, now) });
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
  const warning = responseDueSoonAt(c, rules);
  if (warning && toMs(now) >= toMs(warning) && toMs(now) <= toMs(c.respondBy)) {
    const warned = { ...c, responseDueSoonFor: c.respondBy, version: c.version + 1, updatedAt: now };
    return { kind: "dueSoon", case: { ...warned, nextDeadlineAt: nextDeadlineAt(warned, rules) } };
  }
  const due = nextDeadlineAt(c, rules);
  return due !== c.nextDeadlineAt ? { kind: "reschedule", case: { ...c, nextDeadlineAt: due } } : { kind: "nothing" };
}
