import * as z from "zod";
import { says } from "../i18n/schema-text";
import { CountryCode } from "../geo";
import { IdInput, NoteInput, Text, VersionInput } from "../inputs";
import { MoneyInput } from "../money";
import { InstantInput } from "../time";
import { CANCEL_REASONS, INCIDENT_CAUSES } from "./shapes";

/** What callers send to the order verbs; validated once at the boundary. */

export const CreateInput = z.strictObject({
  marketplaceOrderId: IdInput("marketplaceOrderId"),
  items: z
    .array(
      z.strictObject({
        sku: Text(64, "sku"),
        title: Text(200, "itemTitle"),
        quantity: z
          .number()
          .int()
          .min(1, says("schema.atLeast", { what: "quantity", min: 1 }))
          .max(10_000, says("schema.atMost", { what: "quantity", max: 10_000 })),
        unitPrice: MoneyInput.nullish(),
      }),
    )
    .min(1, says("schema.atLeast", { what: "orderItems", min: 1 }))
    .max(100, says("schema.atMost", { what: "orderItems", max: 100 })),
  buyerTotal: MoneyInput,
  settlementAmount: MoneyInput,
  buyerCountry: CountryCode,
  placedAt: InstantInput,
  handlingDays: z
    .number()
    .int()
    .min(1, says("schema.atLeast", { what: "handlingDays", min: 1 }))
    .nullish(),
  shipBy: InstantInput.nullish(),
});

export type CreateInput = z.output<typeof CreateInput>;

export const ShipInput = z.strictObject({
  orderId: IdInput("orderId"),
  carrier: Text(64, "carrier"),
  trackingNumber: z
    .string()
    .trim()
    .min(4, says("schema.tooShort", { what: "trackingNumber", min: 4 }))
    .max(64, says("schema.tooLong", { what: "trackingNumber", max: 64 }))
    .regex(/^[A-Za-z0-9-]+$/, says("schema.trackingCharacters", {})),
  shippedAt: InstantInput.nullish(),
  expectedVersion: VersionInput,
});

export type ShipInput = z.output<typeof ShipInput>;

export const ExpediteInput = z.strictObject({
  orderId: IdInput("orderId"),
  expectedVersion: VersionInput,
});

export type ExpediteInput = z.output<typeof ExpediteInput>;

export const CancelInput = z.strictObject({
  orderId: IdInput("orderId"),
  reason: z.enum(CANCEL_REASONS),
  note: NoteInput,
  expectedVersion: VersionInput,
});

export type CancelInput = z.output<typeof CancelInput>;

export const DeliverInput = z.strictObject({
  orderId: IdInput("orderId"),
  deliveredAt: InstantInput.nullish(),
  expectedVersion: VersionInput,
});

export type DeliverInput = z.output<typeof DeliverInput>;

export const IncidentInput = z.strictObject({
  orderId: IdInput("orderId"),
  cause: z.enum(INCIDENT_CAUSES),
  note: Text(2000, "note"),
  supportTicketRef: z
    .string()
    .trim()
    .min(1)
    .max(128, says("schema.tooLong", { what: "supportTicketRef", max: 128 }))
    .nullish(),
  expectedVersion: VersionInput,
});

export type IncidentInput = z.output<typeof IncidentInput>;
