import { text } from "../i18n/texts";
import { assertNever, ok, refuse, userError, type Result, type UserError } from "../errors";
import { sameFileKey } from "../evidence";
import { checkVersion } from "../inputs";
import type { Money } from "../money";
import type { Instant } from "../time";
import { blockerForStatus, type Eligibility } from "./eligibility";
import type {
  ApplicationStatus,
  DecisionOutcome,
  Deposit,
  DocumentKind,
  EvidenceDocument,
  Recommendation,
  RefundApplication,
} from "./shapes";

/** Refund applications and the operator's decisions. */

/** An application the operator has not decided yet: one per deposit at a time. */
export function isOpen(application: Pick<RefundApplication, "status">): boolean {
  switch (application.status) {
    case "PENDING":
      return true;
    case "APPROVED":
    case "PARTIALLY_APPROVED":
    case "DENIED":
      return false;
    default:
      return assertNever(application.status);
  }
}

/**
 * A seller applies for the refund of an eligible deposit, with its evidence. Refused while another
 * application is open, when the deposit is not eligible (the blockers say why), or when a required
 * document is missing (named) or one file is given as two required kinds. On success the deposit becomes
 * REFUND_REQUESTED.
 */
export function applyForRefund(args: {
  deposit: Deposit;
  eligibility: Eligibility;
  documents: EvidenceDocument[];
  existingOpenApplication: RefundApplication | null;
  id: string;
  now: Instant;
  expectedVersion?: number | null;
}): Result<{ application: RefundApplication; deposit: Deposit }> {
  const { deposit, now } = args;
  const version = checkVersion(deposit, args.expectedVersion);
  if (!version.ok) return version;
  if (args.existingOpenApplication && isOpen(args.existingOpenApplication)) {
    return refuse(
      userError(
        "APPLICATION_ALREADY_OPEN",
        text("refusal.deposit.applicationOpen", { applicationId: args.existingOpenApplication.id }),
        ["input", "depositId"],
      ),
    );
  }

  const errors: UserError[] = [];
  if (!args.eligibility.eligible || deposit.status !== "HELD") {
    const reasons = args.eligibility.blockers.map((b) => b.text);
    const statusBlocker = blockerForStatus(deposit);
    if (statusBlocker && !args.eligibility.blockers.some((b) => b.code === statusBlocker.code))
      reasons.unshift(statusBlocker.text);
    errors.push(userError("NOT_ELIGIBLE", text("deposit.notEligible", { reasons }), ["input", "depositId"]));
  }
  const present = new Set(args.documents.map((d) => d.kind));
  const missing = args.eligibility.requiredDocuments.filter((kind) => !present.has(kind));
  if (missing.length > 0) {
    errors.push(
      userError(
        "MISSING_DOCUMENTS",
        text("deposit.missingDocuments", { required: args.eligibility.requiredDocuments, missing }),
        ["input", "documents"],
      ),
    );
  }
  errors.push(...sharedFiles(args.eligibility.requiredDocuments, args.documents));
  if (errors.length > 0) return refuse(...errors);

  return ok({
    application: {
      id: args.id,
      depositId: deposit.id,
      sellerId: deposit.sellerId,
      status: "PENDING",
      documents: args.documents,
      recommendation: args.eligibility.recommendation,
      appliedAt: now,
      decidedAt: null,
      decision: null,
      version: 1,
      updatedAt: now,
    },
    deposit: { ...deposit, status: "REFUND_REQUESTED", version: deposit.version + 1, updatedAt: now },
  });
}

/**
 * One file given as two or more required kinds is one piece of evidence, not several: each required kind needs its
 * own file. Two documents are the same file when their references match (`Evidence.sameFileKey`: trimmed, scheme and
 * host in any case, trailing slash or fragment aside) or their checksums (the file's SHA-256) do, and a chain of
 * such matches is one file: the caller's checksum alone does not make one reference two files. One MISSING_DOCUMENTS
 * per file shared, naming its first reference and its kinds.
 */
function sharedFiles(required: readonly DocumentKind[], documents: EvidenceDocument[]): UserError[] {
  let files: { keys: Set<string>; reference: string; kinds: DocumentKind[] }[] = [];
  for (const document of documents) {
    if (!required.includes(document.kind)) continue;
    const keys = [`reference:${sameFileKey(document.reference)}`, `checksum:${document.checksum}`];
    const same = files.filter((file) => keys.some((key) => file.keys.has(key)));
    const kinds = [...new Set([...same.flatMap((file) => file.kinds), document.kind])];
    const merged = {
      keys: new Set([...keys, ...same.flatMap((file) => [...file.keys])]),
      reference: same[0]?.reference ?? document.reference,
      kinds,
    };
    // The merged file keeps the place of the first one it joins, so the errors follow the documents' order.
    const at = same[0] ? files.indexOf(same[0]) : files.length;
    files = [...files.slice(0, at), merged, ...files.slice(at).filter((file) => !same.includes(file))];
  }
  return files
    .filter((file) => file.kinds.length > 1)
    .map(({ reference, kinds }) =>
      userError("MISSING_DOCUMENTS", text("deposit.sameDocumentForKinds", { reference, kinds }), [
        "input",
        "documents",
      ]),
    );
}

/** The recommendations a full refund goes against: the rules found the deposit not (yet) refundable. */
const OVERRIDDEN_BY_FULL_REFUND: readonly Recommendation[] = ["NOT_YET_ELIGIBLE", "NOT_ELIGIBLE"];

/**
 * The operator's decision on an open application: approve in full, approve part of the deposit
 * with a deduction reason, or deny with a reason (the deposit is held again). Decided once. Approving in full against
 * a recommendation not to refund (NOT_YET_ELIGIBLE, NOT_ELIGIBLE) needs a reason too.
 * `recommendation` is the rules' verdict at `now` (`eligibility` assessed again for the decision): the decision
 * keeps it beside the one the seller applied under, which figures reported since may have made stale.
 */
export function decideRefund(args: {
  deposit: Deposit;
  application: RefundApplication;
  decision: { outcome: DecisionOutcome; amount?: Money | null; reason?: string | null };
  recommendation: Recommendation;
  now: Instant;
  expectedVersion?: number | null;
}): Result<{ application: RefundApplication; deposit: Deposit }> {
  const { deposit, application, decision, now } = args;
  if (application.depositId !== deposit.id) {
    throw new Error(`Application ${application.id} belongs to deposit ${application.depositId}, not ${deposit.id}.`);
  }
  const version = checkVersion(application, args.expectedVersion);
  if (!version.ok) return version;
  if (!isOpen(application)) {
    return refuse(
      userError(
        "INVALID_TRANSITION",
        text("refusal.deposit.alreadyDecided", {
          applicationId: application.id,
          status: application.status,
          decidedAt: application.decidedAt ?? null,
        }),
      ),
    );
  }
  if (deposit.status !== "REFUND_REQUESTED") {
    return refuse(userError("INVALID_TRANSITION", text("refusal.deposit.decideFrom", { status: deposit.status })));
  }
  const reason = decision.reason?.trim() || null;
  const amount = decision.amount ?? null;

  let applicationStatus: ApplicationStatus;
  let depositFields: Pick<Deposit, "status" | "refundedAmount">;
  let refunded: Money | null;
  switch (decision.outcome) {
    case "APPROVE_FULL": {
      const errors: UserError[] = [];
      // An amount is optional here; one given must be the whole deposit. A currency that differs is refused as a
      // partial approval refuses it, so the same wrong input gets the same code whichever outcome it came with.
      if (amount && amount.currency !== deposit.amount.currency) {
        errors.push(
          userError(
            "CURRENCY_MISMATCH",
            text("refusal.currency.deposit", { currency: deposit.amount.currency, given: amount.currency }),
            ["input", "amount", "currency"],
          ),
        );
      } else if (amount && amount.amountMinor !== deposit.amount.amountMinor) {
        errors.push(
          userError("INVALID_INPUT", text("refusal.deposit.fullIsWhole", { deposit: deposit.amount }), [
            "input",
            "amount",
          ]),
        );
      }
      // Refunding in full what the rules say is not (yet) refundable overrides them: the decision says why, for
      // the audit of the platform's money as much as for the seller.
      if (!reason && OVERRIDDEN_BY_FULL_REFUND.includes(args.recommendation))
        errors.push(
          userError("INVALID_INPUT", text("refusal.deposit.needsReason", { decision: "override" }), [
            "input",
            "reason",
          ]),
        );
      if (errors.length > 0) return refuse(...errors);
      refunded = deposit.amount;
      applicationStatus = "APPROVED";
      depositFields = { status: "REFUNDED", refundedAmount: deposit.amount };
      break;
    }
    case "APPROVE_PARTIAL": {
      const errors: UserError[] = [];
      if (!amount) {
        errors.push(userError("INVALID_INPUT", text("refusal.deposit.partialNeedsAmount", {}), ["input", "amount"]));
      } else if (amount.currency !== deposit.amount.currency) {
        errors.push(
          userError(
            "CURRENCY_MISMATCH",
            text("refusal.currency.deposit", { currency: deposit.amount.currency, given: amount.currency }),
            ["input", "amount", "currency"],
          ),
        );
      } else if (amount.amountMinor <= 0) {
        errors.push(
          userError("INVALID_INPUT", text("refusal.deposit.partialMoreThanZero", {}), [
            "input",
            "amount",
            "amountMinor",
          ]),
        );
      } else if (amount.amountMinor > deposit.amount.amountMinor) {
        errors.push(
          userError(
            "AMOUNT_ABOVE_DEPOSIT",
            text("refusal.deposit.aboveDeposit", { deposit: deposit.amount, asked: amount }),
            ["input", "amount", "amountMinor"],
          ),
        );
      } else if (amount.amountMinor === deposit.amount.amountMinor) {
        errors.push(
          userError("INVALID_INPUT", text("refusal.deposit.partialIsWhole", { asked: amount }), [
            "input",
            "amount",
            "amountMinor",
          ]),
        );
      }
      if (!reason)
        errors.push(
          userError("INVALID_INPUT", text("refusal.deposit.needsReason", { decision: "partial" }), ["input", "reason"]),
        );
      if (errors.length > 0) return refuse(...errors);
      refunded = amount;
      applicationStatus = "PARTIALLY_APPROVED";
      depositFields = { status: "PARTIALLY_REFUNDED", refundedAmount: amount };
      break;
    }
    case "DENY": {
      const errors: UserError[] = [];
      if (!reason)
        errors.push(
          userError("INVALID_INPUT", text("refusal.deposit.needsReason", { decision: "deny" }), ["input", "reason"]),
        );
      if (amount)
        errors.push(userError("INVALID_INPUT", text("refusal.deposit.denyNoAmount", {}), ["input", "amount"]));
      if (errors.length > 0) return refuse(...errors);
      refunded = null;
      applicationStatus = "DENIED";
      depositFields = { status: "HELD", refundedAmount: deposit.refundedAmount };
      break;
    }
    default:
      return assertNever(decision.outcome);
  }

  return ok({
    application: {
      ...application,
      status: applicationStatus,
      decidedAt: now,
      decision: { outcome: decision.outcome, amount: refunded, reason, recommendation: args.recommendation },
      version: application.version + 1,
      updatedAt: now,
    },
    deposit: { ...deposit, ...depositFields, version: deposit.version + 1, updatedAt: now },
  });
}
