import * as z from "zod/mini";
import { IdInput, NoteInput, VersionInput } from "../inputs";
// The same carrier and tracking number rules as an order's shipment.
import { CarrierInput, TrackingNumberInput } from "../orders/inputs";

/** What callers send to the return verbs, named after the schema's input types; validated once at the boundary. */

const Id = IdInput();
const Version = VersionInput;

/** The buyer ships the goods back (relayed by a marketplace key). */
export const ShipReturnInput = z.lazy(() =>
  z.strictObject({
    caseId: Id,
    returnId: Id,
    carrier: CarrierInput,
    trackingNumber: TrackingNumberInput,
    expectedVersion: Version,
  }),
);
export type ShipReturnInput = z.output<typeof ShipReturnInput>;

/** The seller confirms the goods arrived. */
export const ConfirmReturnReceivedInput = z.lazy(() =>
  z.strictObject({ caseId: Id, returnId: Id, expectedVersion: Version }),
);
export type ConfirmReturnReceivedInput = z.output<typeof ConfirmReturnReceivedInput>;

/** The seller refunds a received return: the amount is the offer's, so the caller sends none. */
export const RefundReturnInput = z.lazy(() => z.strictObject({ caseId: Id, returnId: Id, expectedVersion: Version }));
export type RefundReturnInput = z.output<typeof RefundReturnInput>;

/** The seller ships the replacement of a received exchange. */
export const ShipReplacementInput = z.lazy(() =>
  z.strictObject({
    caseId: Id,
    returnId: Id,
    carrier: CarrierInput,
    trackingNumber: TrackingNumberInput,
    expectedVersion: Version,
  }),
);
export type ShipReplacementInput = z.output<typeof ShipReplacementInput>;

/** The buyer gives up a return not shipped yet. */
export const CancelReturnInput = z.lazy(() =>
  z.strictObject({
    caseId: Id,
    returnId: Id,
    note: NoteInput,
    expectedVersion: Version,
  }),
);
export type CancelReturnInput = z.output<typeof CancelReturnInput>;
