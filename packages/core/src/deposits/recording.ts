import { text, type Text } from "../i18n/texts";
import type { SettlementAmountWhat } from "../i18n/texts-errors";
import { assertNever, ok, refuse, userError, type Result, type UserError } from "../errors";
import type { Money } from "../money";
import { toMs, type Instant } from "../time";
import type { RecordDepositInput, RecordViolationInput } from "./inputs";
import { defaultDepositRules, type Deposit, type DepositRules, type Violation } from "./shapes";

/** Recording deposits and violations. */

/**
 * Decides a new deposit from validated input: the fields its kind needs, every amount in the
 * seller's settlement currency, a term that ends after it starts and lies within the time the deposit is held
 * (from paidAt on), a payment not in the future.
 * All problems are reported at once, each with its field.
 * @example
 * record({ id, sellerId: "s1", settlementCurrency: "CNY", now, input: {
 *   kind: "LIMITED_TERM", amount: { amountMinor: 1_000_000, currency: "CNY" }, paidAt: now,
 * termStart: "2026-01-01T00:00:00Z", termEnd: "2027-01-01T00:00:00Z", salesTarget: { amountMinor: 50_000_000, currency:
 * "CNY" } } })
 */
export function record(args: {
  id: string;
  sellerId: string;
  settlementCurrency: string;
  input: RecordDepositInput;
  now: Instant;
  rules?: DepositRules;
}): Result<Deposit> {
  const { input, now, settlementCurrency } = args;
  const rules = args.rules ?? defaultDepositRules;
  const errors: UserError[] = [];

  const money = (value: Money, field: string[], what: SettlementAmountWhat) => {
    if (value.currency !== settlementCurrency) {
      errors.push(
        userError(
          "CURRENCY_MISMATCH",
          text("refusal.currency.settlement", { what, currency: settlementCurrency, given: value.currency }),
          ["input", ...field, "currency"],
        ),
      );
    } else if (value.amountMinor <= 0) {
      errors.push(
        userError("INVALID_INPUT", text("refusal.deposit.moreThanZero", { what }), ["input", ...field, "amountMinor"]),
      );
    }
  };
  const required = (present: boolean, field: string, sentence: Text) => {
    if (!present) errors.push(userError("INVALID_INPUT", sentence, ["input", field]));
  };
  const forbidden = (present: boolean, field: string, sentence: Text) => {
    if (present) errors.push(userError("INVALID_INPUT", sentence, ["input", field]));
  };

  money(input.amount, ["amount"], "depositAmount");
  if (toMs(input.paidAt) > toMs(now) + rules.clockSkewMs) {
    errors.push(userError("INVALID_INPUT", text("refusal.time.future", { field: "paidAt" }), ["input", "paidAt"]));
  }

  switch (input.kind) {
    case "LIMITED_TERM": {
      for (const part of ["termStart", "termEnd", "salesTarget"] as const)
        required(input[part] != null, part, text("refusal.deposit.limitedNeeds", { part }));
      forbidden(input.sustainedRule != null, "sustainedRule", text("refusal.deposit.onlyUnlimitedSustained", {}));
      if (input.termStart && input.termEnd && toMs(input.termEnd) <= toMs(input.termStart)) {
        errors.push(userError("INVALID_INPUT", text("refusal.deposit.termEndAfterStart", {}), ["input", "termEnd"]));
      } else if (input.termEnd && toMs(input.termEnd) <= toMs(input.paidAt)) {
        // A term over before the deposit was paid would count sales made while no deposit was held.
        errors.push(userError("INVALID_INPUT", text("refusal.deposit.termEndAfterPaid", {}), ["input", "termEnd"]));
      }
      // Sales count while the deposit is held (the seller guide): a term begun before it was paid is refused rather
      // than counted from paidAt, so the term the seller sees is the one whose sales count.
      if (input.termStart && toMs(input.termStart) < toMs(input.paidAt)) {
        errors.push(
          userError("INVALID_INPUT", text("refusal.deposit.termStartBeforePaid", {}), ["input", "termStart"]),
        );
      }
      if (input.salesTarget) money(input.salesTarget, ["salesTarget"], "salesTarget");
      break;
    }
    case "UNLIMITED": {
      required(input.sustainedRule != null, "sustainedRule", text("refusal.deposit.unlimitedNeedsRule", {}));
      for (const field of ["termStart", "termEnd"] as const)
        forbidden(input[field] != null, field, text("refusal.deposit.unlimitedNoTerm", { field }));
      forbidden(input.salesTarget != null, "salesTarget", text("refusal.deposit.unlimitedNoTarget", {}));
      if (input.sustainedRule) {
        money(input.sustainedRule.minMonthlySales, ["sustainedRule", "minMonthlySales"], "minMonthlySales");
        if (input.sustainedRule.months > rules.maxSustainedMonths) {
          errors.push(
            userError("INVALID_INPUT", text("refusal.deposit.sustainedMonths", { max: rules.maxSustainedMonths }), [
              "input",
              "sustainedRule",
              "months",
            ]),
          );
        }
      }
      break;
    }
    default:
      return assertNever(input.kind);
  }
  if (errors.length > 0) return refuse(...errors);

  const limited = input.kind === "LIMITED_TERM";
  return ok({
    id: args.id,
    sellerId: args.sellerId,
    kind: input.kind,
    amount: input.amount,
    paidAt: input.paidAt,
    status: "HELD",
    termStart: limited ? input.termStart! : null,
    termEnd: limited ? input.termEnd! : null,
    salesTarget: limited ? input.salesTarget! : null,
    sustainedRule: limited ? null : input.sustainedRule!,
    refundedAmount: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * What makes two deposits one payment: the same seller, kind, amount (minor units and currency) and paid instant.
 * A deposit recorded twice for one payment could be refunded twice, so a second one is refused (`duplicate`). The
 * term, target and rule are not part of it: a retry that corrected them is still the payment already recorded.
 * The instant is in milliseconds, so `+08:00` and `Z` spellings of one moment are one payment.
 */
export function paymentOf(deposit: Pick<Deposit, "sellerId" | "kind" | "amount" | "paidAt">): string {
  const { sellerId, kind, amount, paidAt } = deposit;
  return [sellerId, kind, amount.currency, amount.amountMinor, toMs(paidAt)].join("#");
}

/** Whether two deposits record one payment (`paymentOf`). */
export function samePayment(
  a: Pick<Deposit, "sellerId" | "kind" | "amount" | "paidAt">,
  b: Pick<Deposit, "sellerId" | "kind" | "amount" | "paidAt">,
): boolean {
  return paymentOf(a) === paymentOf(b);
}

/** The refusal of a deposit whose payment `existingId` already records; nothing is written. */
export function duplicate(deposit: Pick<Deposit, "amount" | "paidAt">, existingId: string): UserError {
  return userError(
    "DUPLICATE_DEPOSIT",
    text("refusal.deposit.duplicate", { depositId: existingId, amount: deposit.amount, paidAt: deposit.paidAt }),
    ["input", "paidAt"],
  );
}

/**
 * What makes two violations one: the same seller, kind, severity and occurred instant (in milliseconds, whatever its
 * spelling). The note is not part of it: it is free text an operator may reword on a retry, and two distinct
 * violations of one kind and severity at the same millisecond are implausible (record the second at its own instant).
 * A violation recorded twice would block refunds and weigh in the risk score twice, so a second one is refused
 * (`duplicateViolation`) while the first is in force; once it is voided, the same violation may be recorded again.
 */
export function violationOf(violation: Pick<Violation, "sellerId" | "kind" | "severity" | "occurredAt">): string {
  const { sellerId, kind, severity, occurredAt } = violation;
  return [sellerId, kind, severity, toMs(occurredAt)].join("#");
}

/** Whether two violations are one (`violationOf`). */
export function sameViolation(
  a: Pick<Violation, "sellerId" | "kind" | "severity" | "occurredAt">,
  b: Pick<Violation, "sellerId" | "kind" | "severity" | "occurredAt">,
): boolean {
  return violationOf(a) === violationOf(b);
}

/** The refusal of a violation `existingId` already records (and is in force); nothing is written. */
export function duplicateViolation(
  violation: Pick<Violation, "severity" | "kind" | "occurredAt">,
  existingId: string,
): UserError {
  return userError(
    "DUPLICATE_VIOLATION",
    text("refusal.deposit.duplicateViolation", {
      violationId: existingId,
      severity: violation.severity,
      kind: violation.kind,
      occurredAt: violation.occurredAt,
    }),
    ["input", "occurredAt"],
  );
}

/** Decides a violation an operator records against a seller (the api checks the role). */
export function recordViolation(args: {
  id: string;
  sellerId: string;
  input: RecordViolationInput;
  now: Instant;
  rules?: DepositRules;
}): Result<Violation> {
  const rules = args.rules ?? defaultDepositRules;
  if (toMs(args.input.occurredAt) > toMs(args.now) + rules.clockSkewMs) {
    return refuse(
      userError("INVALID_INPUT", text("refusal.time.future", { field: "occurredAt" }), ["input", "occurredAt"]),
    );
  }
  return ok({
    id: args.id,
    sellerId: args.sellerId,
    kind: args.input.kind,
    severity: args.input.severity,
    occurredAt: args.input.occurredAt,
    note: args.input.note,
    recordedAt: args.now,
    version: 1,
    voidedAt: null,
    voidedBy: null,
    voidReason: null,
  });
}
