import { assertNever, ok, refuse, userError, type Result, type UserError } from "../errors";
import type { Money } from "../money";
import { toMs, type Instant } from "../time";
import type { RecordDepositInput, RecordViolationInput } from "./inputs";
import { defaultDepositRules, type Deposit, type DepositRules, type Violation } from "./shapes";

/** Recording deposits and violations. */

/**
 * Decides a new deposit from validated input: the fields its kind needs, every amount in the
 * seller's settlement currency, a term that ends after it starts, a payment not in the future.
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

  const money = (value: Money, field: string[], what: string) => {
    if (value.currency !== settlementCurrency) {
      errors.push(
        userError(
          "CURRENCY_MISMATCH",
          `${what} must be in the seller's settlement currency ${settlementCurrency}, not ${value.currency}.`,
          ["input", ...field, "currency"],
        ),
      );
    } else if (value.amountMinor <= 0) {
      errors.push(userError("INVALID_INPUT", `${what} must be more than zero.`, ["input", ...field, "amountMinor"]));
    }
  };
  const required = (present: boolean, field: string, sentence: string) => {
    if (!present) errors.push(userError("INVALID_INPUT", sentence, ["input", field]));
  };
  const forbidden = (present: boolean, field: string, sentence: string) => {
    if (present) errors.push(userError("INVALID_INPUT", sentence, ["input", field]));
  };

  money(input.amount, ["amount"], "The deposit amount");
  if (toMs(input.paidAt) > toMs(now) + rules.clockSkewMs) {
    errors.push(userError("INVALID_INPUT", "paidAt cannot be in the future.", ["input", "paidAt"]));
  }

  switch (input.kind) {
    case "LIMITED_TERM": {
      required(input.termStart != null, "termStart", "A limited-term deposit needs the start of its term.");
      required(input.termEnd != null, "termEnd", "A limited-term deposit needs the end of its term.");
      required(input.salesTarget != null, "salesTarget", "A limited-term deposit needs a sales target for its term.");
      forbidden(input.sustainedRule != null, "sustainedRule", "Only an unlimited deposit has a sustained-sales rule.");
      if (input.termStart && input.termEnd && toMs(input.termEnd) <= toMs(input.termStart)) {
        errors.push(userError("INVALID_INPUT", "termEnd must be after termStart.", ["input", "termEnd"]));
      }
      if (input.salesTarget) money(input.salesTarget, ["salesTarget"], "The sales target");
      break;
    }
    case "UNLIMITED": {
      required(
        input.sustainedRule != null,
        "sustainedRule",
        "An unlimited deposit needs a sustained-sales rule (minimum monthly sales over a number of months).",
      );
      forbidden(input.termStart != null, "termStart", "An unlimited deposit has no term; remove termStart.");
      forbidden(input.termEnd != null, "termEnd", "An unlimited deposit has no term; remove termEnd.");
      forbidden(
        input.salesTarget != null,
        "salesTarget",
        "An unlimited deposit has no sales target; use sustainedRule.",
      );
      if (input.sustainedRule) {
        money(input.sustainedRule.minMonthlySales, ["sustainedRule", "minMonthlySales"], "The minimum monthly sales");
        if (input.sustainedRule.months > rules.maxSustainedMonths) {
          errors.push(
            userError("INVALID_INPUT", `The sustained-sales rule covers at most ${rules.maxSustainedMonths} months.`, [
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
    return refuse(userError("INVALID_INPUT", "occurredAt cannot be in the future.", ["input", "occurredAt"]));
  }
  return ok({
    id: args.id,
    sellerId: args.sellerId,
    kind: args.input.kind,
    severity: args.input.severity,
    occurredAt: args.input.occurredAt,
    note: args.input.note,
    recordedAt: args.now,
  });
}
