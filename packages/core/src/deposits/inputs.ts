import * as z from "zod";
import { referenceInput } from "../evidence";
import { IdInput, Text, VersionInput } from "../inputs";
import { MoneyInput } from "../money";
import { InstantInput } from "../time";
import { DEPOSIT_KINDS, DECISION_OUTCOMES, DOCUMENT_KINDS, SEVERITIES, VIOLATION_KINDS } from "./shapes";

/** Inputs, named as the GraphQL inputs name them. */

/** A refund application carries at most this many documents. */
export const MAX_DOCUMENTS = 20;

export const RecordDepositInput = z.strictObject({
  /** For operators and partner tools acting for a seller; a seller's own key implies it. */
  sellerId: IdInput("The seller id").nullish(),
  kind: z.enum(DEPOSIT_KINDS),
  amount: MoneyInput,
  paidAt: InstantInput,
  termStart: InstantInput.nullish(),
  termEnd: InstantInput.nullish(),
  salesTarget: MoneyInput.nullish(),
  sustainedRule: z
    .strictObject({
      minMonthlySales: MoneyInput,
      months: z.number().int("Months are a whole number.").min(1, "The sustained-sales rule covers at least 1 month."),
    })
    .nullish(),
});
export type RecordDepositInput = z.output<typeof RecordDepositInput>;

export const RecordViolationInput = z.strictObject({
  /** Violations are recorded by operators, who always name the seller. */
  sellerId: IdInput("The seller id"),
  kind: z.enum(VIOLATION_KINDS),
  severity: z.enum(SEVERITIES),
  occurredAt: InstantInput,
  note: Text(2000, "The note"),
});
export type RecordViolationInput = z.output<typeof RecordViolationInput>;

export const EvidenceDocumentInput = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  reference: referenceInput({ what: "A document reference", max: 1024 }),
  checksum: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "The checksum is the document's SHA-256 as 64 lowercase hex characters."),
  title: Text(200, "The document title"),
});
export type EvidenceDocumentInput = z.output<typeof EvidenceDocumentInput>;

export const ApplyForRefundInput = z.strictObject({
  depositId: IdInput("The deposit id"),
  documents: z
    .array(EvidenceDocumentInput)
    .max(MAX_DOCUMENTS, `An application carries at most ${MAX_DOCUMENTS} documents.`),
  /** The deposit version the seller looked at. */
  expectedVersion: VersionInput,
});
export type ApplyForRefundInput = z.output<typeof ApplyForRefundInput>;

export const DecideRefundInput = z.strictObject({
  // Application ids are `<deposit id>.<ulid>`: a 64-character deposit id makes a 91-character one.
  applicationId: Text(91, "The application id"),
  outcome: z.enum(DECISION_OUTCOMES),
  amount: MoneyInput.nullish(),
  reason: Text(2000, "The reason").nullish(),
  /** The application version the operator looked at. */
  expectedVersion: VersionInput,
});
export type DecideRefundInput = z.output<typeof DecideRefundInput>;
