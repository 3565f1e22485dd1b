import * as z from "zod/mini";
import { says } from "../i18n/schema-text";
import { CountryCode } from "../geo";
import { IdInput, Identifier, NoteInput, Text, VersionInput, maxChars } from "../inputs";
import { MoneyInput, NewMoneyInput } from "../money";
import { InstantInput } from "../time";
import { CANCEL_REASONS, INCIDENT_CAUSES } from "./shapes";

/** What callers send to the order verbs; validated once at the boundary. */

/**
 * The marketplace's own order id as createOrder takes and stores it (trimmed). A lookup by it reads the
 * argument through the same schema, so an id pasted with spaces around it finds the order it names.
 */
export const MarketplaceOrderIdInput = IdInput("marketplaceOrderId");

/** The most items one order has (the answer about an order is bounded by it: `LIMITS.payloadListSizes`). */
export const MAX_ORDER_ITEMS = 100;

export const CreateInput = z.lazy(() =>
  z.strictObject({
    marketplaceOrderId: MarketplaceOrderIdInput,
    items: z
      .array(
        z.strictObject({
          sku: Text(64, "sku"),
          title: Text(200, "itemTitle"),
          quantity: z
            .number()
            .check(
              z.int(),
              z.minimum(1, says("schema.atLeast", { what: "quantity", min: 1 })),
              z.maximum(10_000, says("schema.atMost", { what: "quantity", max: 10_000 })),
            ),
          unitPrice: z.nullish(MoneyInput),
        }),
      )
      .check(
        z.minLength(1, says("schema.atLeast", { what: "orderItems", min: 1 })),
        z.maxLength(MAX_ORDER_ITEMS, says("schema.atMost", { what: "orderItems", max: MAX_ORDER_ITEMS })),
      ),
    /** Sets the order's currency: one in use. Item prices and every later amount on the order must be in it. */
    buyerTotal: NewMoneyInput,
    settlementAmount: MoneyInput,
    buyerCountry: CountryCode,
    placedAt: InstantInput,
    handlingDays: z.nullish(
      z.number().check(z.int(), z.minimum(1, says("schema.atLeast", { what: "handlingDays", min: 1 }))),
    ),
    shipBy: z.nullish(InstantInput),
    /** The shipment, when the order is recorded after it shipped (`Orders.createSteps`). */
    shipment: z.nullish(ShipmentInput),
  }),
);

export type CreateInput = z.output<typeof CreateInput>;

/** A shipment's carrier and tracking number: an order's and a return's (../returns) follow the same rules. */
export const CarrierInput = Text(64, "carrier");
/**
 * Letters and digits, at least 4 of them, with single dashes only between them (`LX-123-456-789-CN`): a number of
 * dashes alone (`----`) passed the old character rule and counted as shipped with valid tracking.
 */
export const TrackingNumberInput = trackingNumberOf(isTrackingNumber);

/** A tracking number: trimmed, 4 to 64 characters, and of the shape `isShaped` accepts. */
function trackingNumberOf(isShaped: (s: string) => boolean) {
  return z
    .string()
    .check(
      z.trim(),
      z.minLength(4, says("schema.tooShort", { what: "trackingNumber", min: 4 })),
      maxChars(64, says("schema.tooLong", { what: "trackingNumber", max: 64 })),
      z.refine(isShaped, { message: says("schema.trackingCharacters", {}) }),
    );
}

function isTrackingNumber(s: string): boolean {
  return /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/.test(s) && trackingKey(s).length >= 4;
}

/**
 * A tracking number as carriers read it: case and dashes carry no meaning (`1z999aa1-0123` is `1Z999AA10123`), so two
 * spellings of one number compare equal.
 */
export function trackingKey(trackingNumber: string): string {
  return trackingNumber.replaceAll("-", "").toUpperCase();
}

/** Whether two spellings name one tracking number; one of dashes alone (stored before the rule) only itself. */
export function sameTrackingNumber(a: string, b: string): boolean {
  return a === b || (trackingKey(a) !== "" && trackingKey(a) === trackingKey(b));
}

/**
 * The shipment of an order recorded after it shipped (a partner's sync that runs late, a seller onboarding with its
 * history): carrier and tracking number as `markOrderShipped` takes them, and when it really shipped (required).
 */
export const ShipmentInput = z.lazy(() =>
  z.strictObject({
    carrier: CarrierInput,
    trackingNumber: TrackingNumberInput,
    shippedAt: InstantInput,
  }),
);

export type ShipmentInput = z.output<typeof ShipmentInput>;

export const ShipInput = z.lazy(() =>
  z.strictObject({
    orderId: IdInput("orderId"),
    carrier: CarrierInput,
    trackingNumber: TrackingNumberInput,
    shippedAt: z.nullish(InstantInput),
    expectedVersion: VersionInput,
  }),
);

export type ShipInput = z.output<typeof ShipInput>;

/**
 * A tracking number as an order may already carry it: the rule from before `TrackingNumberInput` asked for 4 to 64
 * letters, digits or dashes, so `----` passed it. The report names the order's number, so it takes what stored orders
 * carry: such a number is the first one to report.
 */
const StoredTrackingNumberInput = trackingNumberOf((s) => /^[A-Za-z0-9-]+$/.test(s));

/**
 * The marketplace's report that the carrier does not know the order's tracking number. The number is repeated, so a
 * report made for one number never lands on another.
 */
export const InvalidTrackingInput = z.lazy(() =>
  z.strictObject({
    orderId: IdInput("orderId"),
    trackingNumber: StoredTrackingNumberInput,
    expectedVersion: VersionInput,
  }),
);

export type InvalidTrackingInput = z.output<typeof InvalidTrackingInput>;

/** The most characters a withdrawal's reason has: it travels in its event, whose payload is capped (4 KB). */
export const MAX_WITHDRAWAL_REASON = 280;

/**
 * The platform's withdrawal of its report that the carrier does not know the order's number (a carrier scan turned
 * up, the report named the wrong order): why, in the platform's own words, which the withdrawal's event carries.
 */
export const WithdrawInvalidTrackingReportInput = z.lazy(() =>
  z.strictObject({
    orderId: IdInput("orderId"),
    reason: Text(MAX_WITHDRAWAL_REASON, "reason", { multiLine: true }),
    expectedVersion: VersionInput,
  }),
);

export type WithdrawInvalidTrackingReportInput = z.output<typeof WithdrawInvalidTrackingReportInput>;

export const ExpediteInput = z.lazy(() =>
  z.strictObject({
    orderId: IdInput("orderId"),
    expectedVersion: VersionInput,
  }),
);

export type ExpediteInput = z.output<typeof ExpediteInput>;

export const CancelInput = z.lazy(() =>
  z.strictObject({
    orderId: IdInput("orderId"),
    reason: z.enum(CANCEL_REASONS),
    note: NoteInput,
    expectedVersion: VersionInput,
  }),
);

export type CancelInput = z.output<typeof CancelInput>;

export const DeliverInput = z.lazy(() =>
  z.strictObject({
    orderId: IdInput("orderId"),
    deliveredAt: z.nullish(InstantInput),
    expectedVersion: VersionInput,
  }),
);

export type DeliverInput = z.output<typeof DeliverInput>;

export const IncidentInput = z.lazy(() =>
  z.strictObject({
    orderId: IdInput("orderId"),
    cause: z.enum(INCIDENT_CAUSES),
    note: Text(2000, "note", { multiLine: true }),
    /** The marketplace support ticket: an identifier, like an order id. */
    supportTicketRef: z.nullish(Identifier(128, "supportTicketRef")),
    expectedVersion: VersionInput,
  }),
);

export type IncidentInput = z.output<typeof IncidentInput>;
