import { ok, type Result } from "../errors";
import { addMs } from "../time";
import { changeOf, checkOpening, next, sellerAnswered, type CaseVerbArgs, timelineText } from "./change";
import type { DIRECTIONS, PostCaseMessageInput } from "./inputs";
import type { CaseAction } from "./machine";
import { defaultCaseRules, owesAnswer, type Case, type Change } from "./shapes";

/** Keeping communication open: a message from each side. */

const MESSAGE_ACTION: Record<(typeof DIRECTIONS)[number], CaseAction> = {
  SELLER: "POST_SELLER_MESSAGE",
  BUYER: "POST_BUYER_MESSAGE",
  PLATFORM: "POST_PLATFORM_MESSAGE",
};

/**
 * A message on the case. The seller's first sets `firstResponseAt`. The buyer's restarts `respondBy` only when the
 * seller does not owe an answer already: while the case awaits the seller (or the buyer's earlier message during a
 * pending offer is unanswered, which the case-deadline job watches too), a reminder leaves the deadline and its
 * overdue mark as they are, so chasing a silent seller neither wipes a missed deadline nor turns a late first reply
 * into an on-time one.
 */
export function postMessage(args: CaseVerbArgs<PostCaseMessageInput>): Result<Change> {
  const { case: c, input, now } = args;
  const rules = args.rules ?? defaultCaseRules;
  const status = checkOpening(args, MESSAGE_ACTION[input.direction]);
  if (!status.ok) return status;
  let fields: Partial<Case> = { status: status.value };
  if (input.direction === "SELLER") {
    fields = { ...fields, ...sellerAnswered(c, now), firstSellerMessageAt: c.firstSellerMessageAt ?? now };
  } else if (input.direction === "BUYER") {
    // The seller's clock starts when the buyer is owed an answer, not at the buyer's latest reminder (while the case
    // awaits the seller, or a message during a pending offer is unanswered: `owesAnswer`); once escalated the
    // platform decides and the seller has no deadline of its own to restart.
    const restartsDeadline = !owesAnswer(c) && c.status !== "ESCALATED";
    fields = {
      ...fields,
      lastBuyerMessageAt: now,
      unansweredBuyerMessages: c.unansweredBuyerMessages + 1,
      ...(restartsDeadline && {
        respondBy: addMs(now, rules.respondWithinMs[c.reason]),
        responseOverdueAt: null,
      }),
    };
  }
  const after = next(c, now, fields);
  return ok(
    changeOf(
      c,
      after,
      "MESSAGE",
      input.direction,
      now,
      timelineText("timeline.message", { side: input.direction }),
      null,
      input.body,
    ),
  );
}
