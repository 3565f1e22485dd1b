import { ok, type Result } from "../errors";
import { addMs } from "../time";
import { changeOf, checkOpening, next, sellerAnswered, type CaseVerbArgs, timelineText } from "./change";
import type { DIRECTIONS, PostCaseMessageInput } from "./inputs";
import type { CaseAction } from "./machine";
import { defaultCaseRules, type Case, type Change } from "./shapes";

/** Keeping communication open: a message from each side. */

const MESSAGE_ACTION: Record<(typeof DIRECTIONS)[number], CaseAction> = {
  SELLER: "POST_SELLER_MESSAGE",
  BUYER: "POST_BUYER_MESSAGE",
  PLATFORM: "POST_PLATFORM_MESSAGE",
};

/** A message on the case. The seller's first sets `firstResponseAt`; the buyer's restarts `respondBy`. */
export function postMessage(args: CaseVerbArgs<PostCaseMessageInput>): Result<Change> {
  const { case: c, input, now } = args;
  const rules = args.rules ?? defaultCaseRules;
  const status = checkOpening(args, MESSAGE_ACTION[input.direction]);
  if (!status.ok) return status;
  let fields: Partial<Case> = { status: status.value };
  if (input.direction === "SELLER") {
    fields = { ...fields, ...sellerAnswered(c, now), firstSellerMessageAt: c.firstSellerMessageAt ?? now };
  } else if (input.direction === "BUYER") {
    fields = {
      ...fields,
      lastBuyerMessageAt: now,
      unansweredBuyerMessages: c.unansweredBuyerMessages + 1,
      ...(c.status !== "ESCALATED" && {
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
