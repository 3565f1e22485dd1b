import * as z from "zod";
import { says } from "../i18n/schema-text";
import { OFFER_KINDS } from "../compensation";
import { IdInput, NoteInput, VersionInput } from "../inputs";
import { MoneyInput } from "../money";
import { InstantInput } from "../time";
import { CASE_OUTCOMES } from "./machine";
import { CASE_REASONS, CASE_SOURCES, REMEDY_KINDS } from "./shapes";

/** What callers send to the case verbs, named after the schema's input types; validated once at the boundary. */

const Body = z
  .string()
  .trim()
  .min(1, says("schema.empty", { what: "message" }))
  .max(5000, says("schema.tooLong", { what: "message", max: 5000 }));
const Id = IdInput();

export const OpenCaseInput = z.strictObject({
  orderId: Id,
  reason: z.enum(CASE_REASONS),
  source: z.enum(CASE_SOURCES),
  claimAmount: MoneyInput.nullish(),
  claimText: Body.nullish(),
});
export type OpenCaseInput = z.output<typeof OpenCaseInput>;

export const DIRECTIONS = ["SELLER", "BUYER", "PLATFORM"] as const;

export const PostCaseMessageInput = z.strictObject({
  caseId: Id,
  direction: z.enum(DIRECTIONS),
  body: Body,
  expectedVersion: VersionInput,
});
export type PostCaseMessageInput = z.output<typeof PostCaseMessageInput>;

export const RecordRemedyInput = z.strictObject({
  caseId: Id,
  kind: z.enum(REMEDY_KINDS),
  amount: MoneyInput.nullish(),
  note: NoteInput,
  reference: z
    .string()
    .trim()
    .min(1)
    .max(256, says("schema.tooLong", { what: "reference", max: 256 }))
    .nullish(),
  expectedVersion: VersionInput,
});
export type RecordRemedyInput = z.output<typeof RecordRemedyInput>;

export const MakeCompensationOfferInput = z.strictObject({
  caseId: Id,
  kind: z.enum(OFFER_KINDS),
  amount: MoneyInput.nullish(),
  percentOff: z
    .number()
    .int()
    .min(1, says("schema.atLeast", { what: "discountPercent", min: 1 }))
    .max(100, says("schema.atMost", { what: "discountPercent", max: 100 }))
    .nullish(),
  expiresAt: InstantInput,
  note: NoteInput,
  expectedVersion: VersionInput,
});
export type MakeCompensationOfferInput = z.output<typeof MakeCompensationOfferInput>;

export const RespondToCompensationOfferInput = z.strictObject({
  caseId: Id,
  offerId: Id,
  accept: z.boolean(),
  expectedVersion: VersionInput,
});
export type RespondToCompensationOfferInput = z.output<typeof RespondToCompensationOfferInput>;

export const WithdrawCompensationOfferInput = z.strictObject({
  caseId: Id,
  offerId: Id,
  expectedVersion: VersionInput,
});
export type WithdrawCompensationOfferInput = z.output<typeof WithdrawCompensationOfferInput>;

export const EscalateCaseInput = z.strictObject({ caseId: Id, note: NoteInput, expectedVersion: VersionInput });
export type EscalateCaseInput = z.output<typeof EscalateCaseInput>;

export const ResolveCaseInput = z.strictObject({
  caseId: Id,
  outcome: z.enum(CASE_OUTCOMES),
  note: NoteInput,
  expectedVersion: VersionInput,
});
export type ResolveCaseInput = z.output<typeof ResolveCaseInput>;

export const CloseCaseInput = z.strictObject({ caseId: Id, expectedVersion: VersionInput });
export type CloseCaseInput = z.output<typeof CloseCaseInput>;
