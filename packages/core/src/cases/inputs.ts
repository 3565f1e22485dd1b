import * as z from "zod/mini";
import { says } from "../i18n/schema-text";
import { OFFER_KINDS } from "../compensation";
import { IdInput, Identifier, NoteInput, Text, VersionInput } from "../inputs";
import { MoneyInput } from "../money";
import { InstantInput } from "../time";
import { CASE_OUTCOMES } from "./machine";
import { CASE_REASONS, CASE_SOURCES, REMEDY_KINDS } from "./shapes";

/** What callers send to the case verbs, named after the schema's input types; validated once at the boundary. */

/** A message or a claim: a person's text, so invisible joiners are kept (emoji and some scripts need them). */
const Body = Text(5000, "message", { multiLine: true });
const Id = IdInput();

export const OpenCaseInput = z.lazy(() =>
  z.strictObject({
    orderId: Id,
    reason: z.enum(CASE_REASONS),
    source: z.enum(CASE_SOURCES),
    claimAmount: z.nullish(MoneyInput),
    claimText: z.nullish(Body),
  }),
);
export type OpenCaseInput = z.output<typeof OpenCaseInput>;

export const DIRECTIONS = ["SELLER", "BUYER", "PLATFORM"] as const;

export const PostCaseMessageInput = z.lazy(() =>
  z.strictObject({
    caseId: Id,
    direction: z.enum(DIRECTIONS),
    body: Body,
    expectedVersion: VersionInput,
  }),
);
export type PostCaseMessageInput = z.output<typeof PostCaseMessageInput>;

export const RecordRemedyInput = z.lazy(() =>
  z.strictObject({
    caseId: Id,
    kind: z.enum(REMEDY_KINDS),
    amount: z.nullish(MoneyInput),
    note: NoteInput,
    /** The marketplace's refund id: compared, and part of the refund guard's key (db `refundGuards`). */
    reference: z.nullish(Identifier(256, "reference")),
    expectedVersion: VersionInput,
  }),
);
export type RecordRemedyInput = z.output<typeof RecordRemedyInput>;

export const MakeCompensationOfferInput = z.lazy(() =>
  z.strictObject({
    caseId: Id,
    kind: z.enum(OFFER_KINDS),
    amount: z.nullish(MoneyInput),
    percentOff: z.nullish(
      z
        .number()
        .check(
          z.int(),
          z.minimum(1, says("schema.atLeast", { what: "discountPercent", min: 1 })),
          z.maximum(100, says("schema.atMost", { what: "discountPercent", max: 100 })),
        ),
    ),
    expiresAt: InstantInput,
    note: NoteInput,
    expectedVersion: VersionInput,
  }),
);
export type MakeCompensationOfferInput = z.output<typeof MakeCompensationOfferInput>;

export const RespondToCompensationOfferInput = z.lazy(() =>
  z.strictObject({
    caseId: Id,
    offerId: Id,
    accept: z.boolean(),
    expectedVersion: VersionInput,
  }),
);
export type RespondToCompensationOfferInput = z.output<typeof RespondToCompensationOfferInput>;

export const WithdrawCompensationOfferInput = z.lazy(() =>
  z.strictObject({
    caseId: Id,
    offerId: Id,
    expectedVersion: VersionInput,
  }),
);
export type WithdrawCompensationOfferInput = z.output<typeof WithdrawCompensationOfferInput>;

export const EscalateCaseInput = z.lazy(() =>
  z.strictObject({ caseId: Id, note: NoteInput, expectedVersion: VersionInput }),
);
export type EscalateCaseInput = z.output<typeof EscalateCaseInput>;

export const ResolveCaseInput = z.lazy(() =>
  z.strictObject({
    caseId: Id,
    outcome: z.enum(CASE_OUTCOMES),
    /** DECIDED_FOR_BUYER only: what the platform refunds the buyer, in the order currency (`resolve`). */
    platformRefund: z.nullish(MoneyInput),
    note: NoteInput,
    expectedVersion: VersionInput,
  }),
);
export type ResolveCaseInput = z.output<typeof ResolveCaseInput>;

export const CloseCaseInput = z.lazy(() => z.strictObject({ caseId: Id, expectedVersion: VersionInput }));
export type CloseCaseInput = z.output<typeof CloseCaseInput>;
