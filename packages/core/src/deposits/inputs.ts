import * as z from "zod/mini";
import { says } from "../i18n/schema-text";
import { referenceInput } from "../evidence";
import { IdInput, Identifier, Text, VersionInput } from "../inputs";
import { MoneyInput } from "../money";
import { InstantInput } from "../time";
import { DEPOSIT_KINDS, DECISION_OUTCOMES, DOCUMENT_KINDS, SEVERITIES, VIOLATION_KINDS } from "./shapes";

/** Inputs, named as the GraphQL inputs name them. */

/** A refund application carries at most this many documents. */
export const MAX_DOCUMENTS = 20;

export const RecordDepositInput = z.lazy(() =>
  z.strictObject({
    /** For operators and partner tools acting for a seller; a seller's own key implies it. */
    sellerId: z.nullish(IdInput("sellerId")),
    kind: z.enum(DEPOSIT_KINDS),
    amount: MoneyInput,
    paidAt: InstantInput,
    termStart: z.nullish(InstantInput),
    termEnd: z.nullish(InstantInput),
    salesTarget: z.nullish(MoneyInput),
    sustainedRule: z.nullish(
      z.strictObject({
        minMonthlySales: MoneyInput,
        months: z
          .number()
          .check(
            z.int(says("schema.wholeNumber", { what: "sustainedMonths" })),
            z.minimum(1, says("schema.atLeast", { what: "sustainedMonths", min: 1 })),
          ),
      }),
    ),
  }),
);
export type RecordDepositInput = z.output<typeof RecordDepositInput>;

export const RecordViolationInput = z.lazy(() =>
  z.strictObject({
    /** Violations are recorded by operators, who always name the seller. */
    sellerId: IdInput("sellerId"),
    kind: z.enum(VIOLATION_KINDS),
    severity: z.enum(SEVERITIES),
    occurredAt: InstantInput,
    note: Text(2000, "note", { multiLine: true }),
  }),
);
export type RecordViolationInput = z.output<typeof RecordViolationInput>;

export const VoidViolationInput = z.lazy(() =>
  z.strictObject({
    /** Violations are kept in their seller's partition: the operator names the seller, as when recording. */
    sellerId: IdInput("sellerId"),
    violationId: IdInput("violationId"),
    /** Why the violation is withdrawn (kept with it for audit). */
    reason: Text(2000, "reason", { multiLine: true }),
  }),
);
export type VoidViolationInput = z.output<typeof VoidViolationInput>;

export const EvidenceDocumentInput = z.lazy(() =>
  z.strictObject({
    kind: z.enum(DOCUMENT_KINDS),
    reference: referenceInput({ what: "documentReference", max: 1024 }),
    checksum: z.string().check(z.regex(/^[0-9a-f]{64}$/, says("schema.checksum", {}))),
    title: Text(200, "documentTitle"),
  }),
);
export type EvidenceDocumentInput = z.output<typeof EvidenceDocumentInput>;

export const ApplyForRefundInput = z.lazy(() =>
  z.strictObject({
    depositId: IdInput("depositId"),
    documents: z
      .array(EvidenceDocumentInput)
      .check(z.maxLength(MAX_DOCUMENTS, says("schema.atMost", { what: "documents", max: MAX_DOCUMENTS }))),
    /** The deposit version the seller looked at. */
    expectedVersion: VersionInput,
  }),
);
export type ApplyForRefundInput = z.output<typeof ApplyForRefundInput>;

export const DecideRefundInput = z.lazy(() =>
  z.strictObject({
    // Application ids are `<deposit id>.<ulid>`: a 64-character deposit id makes a 91-character one.
    applicationId: Identifier(91, "applicationId"),
    outcome: z.enum(DECISION_OUTCOMES),
    amount: z.nullish(MoneyInput),
    reason: z.nullish(Text(2000, "reason", { multiLine: true })),
    /** The application version the operator looked at. */
    expectedVersion: VersionInput,
  }),
);
export type DecideRefundInput = z.output<typeof DecideRefundInput>;
