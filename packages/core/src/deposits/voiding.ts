import { ok, refuse, userError, type Result } from "../errors";
import { text } from "../i18n/texts";
import { toMs, type Instant } from "../time";
import type { VoidViolationInput } from "./inputs";
import type { Violation } from "./shapes";

/**
 * Voiding a violation recorded by mistake. The record stays (audit: who voided it, when and why), but a voided
 * violation blocks no refund and weighs in no risk score: every rule that reads violations reads only those in force
 * (`inForce`).
 */

/** Whether a violation still stands at `now`: not voided, or voided only after `now`. */
export function inForce(violation: Pick<Violation, "voidedAt">, now: Instant): boolean {
  return violation.voidedAt === null || toMs(violation.voidedAt) > toMs(now);
}

/**
 * Decides an operator's void of a violation (the api checks the role and finds the violation): refused with
 * `VIOLATION_ALREADY_VOIDED` when it was voided already; otherwise the violation at its next version, voided at `now`
 * by `by` (the acting credential's key id, as events name their actor) for `input.reason`.
 */
export function voidViolation(args: {
  violation: Violation;
  input: Pick<VoidViolationInput, "reason">;
  by: string;
  now: Instant;
}): Result<Violation> {
  const { violation } = args;
  if (violation.voidedAt !== null) {
    return refuse(
      userError(
        "VIOLATION_ALREADY_VOIDED",
        text("refusal.deposit.violationAlreadyVoided", { violationId: violation.id, voidedAt: violation.voidedAt }),
        ["input", "violationId"],
      ),
    );
  }
  return ok({
    ...violation,
    version: violation.version + 1,
    voidedAt: args.now,
    voidedBy: args.by,
    voidReason: args.input.reason,
  });
}
