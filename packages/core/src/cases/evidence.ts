import { text } from "../i18n/texts";
import * as z from "zod/mini";
import { ok, refuse, userError, type Result, type UserError } from "../errors";
import { REDACTED, referenceInput } from "../evidence";
import { IdInput, Text, VersionInput } from "../inputs";
import { addMs, toMs, type Instant } from "../time";
import { changeOf, checkOpening, next, timelineText, type CaseVerbArgs, type TimelineText } from "./change";
import { EVIDENCE_KINDS, EVIDENCE_SIDES, type Evidence, type EvidenceSide } from "./evidence-shape";
import type { ActorRole, CaseAction } from "./machine";
import type { AlreadyDone, Change } from "./shapes";

/**
 * Evidence on a case: typed references to what each side shows the platform (tracking proof,
 * photos, chat excerpts, inspection reports…), as Stripe, PayPal and Shopify take dispute
 * evidence. A reference is validated like a deposit application's documents (`../evidence`)
 * and redacted by the same retention rule. Evidence is kept in the case item (the operator who
 * decides an escalated case reads it with the case, a page of cases in one Query), so it is
 * capped per side: no side can fill the case and leave the other without room.
 *
 * Evidence is never withdrawn: the platform decides on what both sides saw, and a side that
 * could take a document back after the other answered it could rewrite the record. A mistaken
 * submission is corrected by a new one whose description says what it replaces.
 */

/** The state machine's action for submitting one side's evidence. */
export const SUBMIT_EVIDENCE_ACTIONS = {
  SELLER: "SUBMIT_SELLER_EVIDENCE",
  BUYER: "SUBMIT_BUYER_EVIDENCE",
  PLATFORM: "SUBMIT_PLATFORM_EVIDENCE",
} as const satisfies Record<EvidenceSide, CaseAction>;

/**
 * Pieces of evidence per side on one case. Each piece costs at most ~2 KB in the case item (a
 * 512-byte ASCII reference, a 280-character description of up to 3 bytes a character, the
 * submitter's id, ids and times), so the 17 pieces add at most ~33 KB:
 * test/reliability/item-growth.test.ts checks the worst case with every other list at its cap.
 */
export const EVIDENCE_LIMITS: Record<EvidenceSide, number> = { SELLER: 6, BUYER: 6, PLATFORM: 5 };

/**
 * The platform's pieces only an operator may submit. Two credentials submit for the platform: a marketplace key
 * (which relays the buyer too) and the operator who decides an escalated case. Evidence is never withdrawn, so without
 * these a marketplace key could take every platform slot and leave the arbiter unable to add the platform's own
 * record (an inspection, a logistics trace) to the case it decides.
 */
const PLATFORM_EVIDENCE_FOR_OPERATORS = 2;

/**
 * The most pieces `side` may hold for a submission by a caller with `roles`: for a marketplace key, the platform's
 * less the operators' own.
 */
function evidenceCap(side: EvidenceSide, roles: readonly ActorRole[]): number {
  if (side === "PLATFORM" && !roles.includes("OPERATOR"))
    return EVIDENCE_LIMITS.PLATFORM - PLATFORM_EVIDENCE_FOR_OPERATORS;
  return EVIDENCE_LIMITS[side];
}

export const SubmitCaseEvidenceInput = z.lazy(() =>
  z.strictObject({
    caseId: IdInput(),
    side: z.enum(EVIDENCE_SIDES),
    kind: z.enum(EVIDENCE_KINDS),
    reference: referenceInput({ what: "evidenceReference", max: 512, asciiOnly: true }),
    description: z.nullish(Text(280, "description", { multiLine: true })),
    expectedVersion: VersionInput,
  }),
);
export type SubmitCaseEvidenceInput = z.output<typeof SubmitCaseEvidenceInput>;

/** What a verb that records who acted also takes: the credential's id (an API key id, or `jwt:<subject>`). */
export interface SubmitterArgs {
  submittedBy: string;
}

/**
 * A case's evidence as read. `evidence` may be absent: a mutation's idempotent replay answers the
 * case exactly as it was stored, up to 24 h earlier, possibly before cases kept evidence (stored
 * items are upgraded by `case-3-evidence`; stored answers are not).
 */
type WithEvidence = { evidence?: readonly Evidence[] };

/** The case's evidence by side, each oldest first: how the operator deciding an escalated case reads it. */
export function evidenceBySide(c: WithEvidence): Record<EvidenceSide, Evidence[]> {
  const all = c.evidence ?? [];
  return {
    SELLER: all.filter((e) => e.side === "SELLER"),
    BUYER: all.filter((e) => e.side === "BUYER"),
    PLATFORM: all.filter((e) => e.side === "PLATFORM"),
  };
}

/**
 * The refusal of a side at its cap for a caller with `roles` (`evidenceCap`), or null: the action leaves
 * `availableActions` at the cap.
 */
export function evidenceAtCap(c: WithEvidence, side: EvidenceSide, roles: readonly ActorRole[]): UserError | null {
  const max = evidenceCap(side, roles);
  if (evidenceBySide(c)[side].length < max) return null;
  const refusal =
    max < EVIDENCE_LIMITS[side]
      ? text("refusal.limit.casePlatformEvidence", { max, forOperators: EVIDENCE_LIMITS[side] - max })
      : text("refusal.limit.caseEvidence", { max, side });
  return userError("LIMIT_REACHED", refusal, ["input", "side"]);
}

/** The side an action submits for, or null for an action that submits no evidence. */
export function sideOfAction(action: CaseAction): EvidenceSide | null {
  return EVIDENCE_SIDES.find((side) => SUBMIT_EVIDENCE_ACTIONS[side] === action) ?? null;
}

/**
 * The timeline's line for a submission: side and kind, never the reference nor the description (they are redacted
 * later, the summary is not).
 */
export function submissionSummary(evidence: Pick<Evidence, "side" | "kind">): TimelineText {
  return timelineText("timeline.evidenceSubmitted", { side: evidence.side, kind: evidence.kind });
}

/**
 * One side submits a piece of evidence: the version, the side's own role (a seller-side
 * credential never submits the buyer's evidence, a marketplace key never the seller's:
 * FORBIDDEN), an open case (INVALID_TRANSITION once resolved or closed), the side's cap
 * (LIMIT_REACHED). The case keeps it and the timeline records it by side and kind; the state does
 * not move, and a submission is not the seller's answer to the buyer: it sets no response time.
 *
 * A piece with the side, kind and reference of one the case keeps (not yet redacted) is that piece sent again (a
 * retry under another idempotency key): answered with it, nothing written. Stored again, each retry would take one
 * of the side's slots for good, as evidence is never withdrawn.
 */
export function submitEvidence(
  args: CaseVerbArgs<SubmitCaseEvidenceInput> & { id: string } & SubmitterArgs,
): Result<(Change | AlreadyDone) & { evidence: Evidence }> {
  const { case: c, input, now } = args;
  const action = SUBMIT_EVIDENCE_ACTIONS[input.side];
  // The cap is checked after the role and the state: a caller of the wrong side learns nothing of the case's evidence.
  const status = checkOpening(args, action);
  if (!status.ok) return status;
  const submitted = c.evidence.find(
    (e) => e.side === input.side && e.kind === input.kind && e.redactedAt === null && e.reference === input.reference,
  );
  if (submitted) return ok({ case: c, event: null, order: null, alreadyDone: true, evidence: submitted });
  const full = evidenceAtCap(c, input.side, args.roles);
  if (full) return refuse(full);
  const evidence: Evidence = {
    id: args.id,
    kind: input.kind,
    side: input.side,
    submittedBy: args.submittedBy,
    submittedAt: now,
    reference: input.reference,
    description: input.description ?? null,
    redactedAt: null,
  };
  const after = next(c, now, { status: status.value, evidence: [...c.evidence, evidence] });
  return ok({ ...changeOf(c, after, "EVIDENCE_SUBMITTED", input.side, now, submissionSummary(evidence)), evidence });
}

/** When the case's earliest evidence still kept falls due for redaction, or null when none is kept. */
export function evidenceRedactionDue(c: { evidence: readonly Evidence[] }, retainMs: number): Instant | null {
  const kept = c.evidence
    .filter((e) => e.redactedAt === null)
    .map((e) => e.submittedAt)
    .sort();
  return kept.length > 0 ? addMs(kept[0]!, retainMs) : null;
}

/**
 * The evidence with every piece past `retainMs` redacted (reference and description), or null when
 * none is due. The description goes with the reference: unlike a deposit document's title it is
 * free text a side writes about the buyer's parcel, photos or chat.
 */
export function redactDueEvidence(
  c: { evidence: readonly Evidence[] },
  retainMs: number,
  now: Instant,
): Evidence[] | null {
  const due = (e: Evidence) => e.redactedAt === null && toMs(e.submittedAt) + retainMs <= toMs(now);
  if (!c.evidence.some(due)) return null;
  return c.evidence.map((e) => (due(e) ? { ...e, reference: REDACTED, description: null, redactedAt: now } : e));
}
