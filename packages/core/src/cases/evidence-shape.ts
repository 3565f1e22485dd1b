import * as z from "zod/mini";
import type { ActorRole } from "./machine";

/**
 * What a piece of case evidence is, as stored in the case (./shapes.ts keeps the list); the
 * rules that add and redact it are in ./evidence.ts.
 */

/**
 * The kinds, from the seller guide (accurate logistics information, order and shipping records
 * for platform support, quality inspection reports) and from what Stripe (shipping
 * documentation, customer communication, product description, refund policy), PayPal (proof of
 * fulfillment, of damage, of return, of refund, item description) and Shopify dispute evidence
 * take.
 */
export const EVIDENCE_KINDS = [
  "TRACKING_PROOF",
  "PHOTO",
  "CHAT_EXCERPT",
  "INSPECTION_REPORT",
  "PRODUCT_LISTING",
  "RETURN_PROOF",
  "REFUND_PROOF",
  "OTHER",
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Whose evidence it is: the seller's side, the buyer's (relayed by a marketplace key), or the platform's. */
export const EVIDENCE_SIDES = ["SELLER", "BUYER", "PLATFORM"] as const satisfies readonly ActorRole[];
export type EvidenceSide = (typeof EVIDENCE_SIDES)[number];

export const Evidence = z.lazy(() =>
  z.object({
    id: z.string(),
    kind: z.enum(EVIDENCE_KINDS),
    side: z.enum(EVIDENCE_SIDES),
    /** The credential that submitted it: an API key id, or `jwt:<subject>` for a seller signed in. */
    submittedBy: z.string(),
    submittedAt: z.string(),
    /** Where the evidence lives; `[redacted]` once past the evidence retention period. */
    reference: z.string(),
    description: z.nullable(z.string()),
    /** When the retention job redacted the reference and the description; null while they are kept. */
    redactedAt: z._default(z.nullable(z.string()), null),
  }),
);
export type Evidence = z.infer<typeof Evidence>;
