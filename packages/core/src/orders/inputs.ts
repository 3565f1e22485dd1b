import * as z from "zod";
import { CountryCode } from "../geo";
import { IdInput, NoteInput, Text, VersionInput } from "../inputs";
import { MoneyInput } from "../money";
import { InstantInput } from "../time";
import { CANCEL_REASONS, INCIDENT_CAUSES } from "./shapes";

/** What callers send to the order verbs; validated once at the boundary. */

export const CreateInput = z.strictObject({
  marketplaceOrderId: IdInput("The marketplace order id"),
  items: z
    .array(
      z.strictObject({
        sku: Text(64, "The SKU"),
        title: Text(200, "The item title"),
        quantity: z.number().int().min(1, "Quantity is at least 1.").max(10_000, "Quantity is at most 10000."),
        unitPrice: MoneyInput.nullish(),
      }),
    )
    .min(1, "An order has at least one item.")
    .max(100, "An order has at most 100 items."),
  buyerTotal: MoneyInput,
  settlementAmount: MoneyInput,
  buyerCountry: CountryCode,
  placedAt: InstantInput,
  handlingDays: z.number().int().min(1, "Handling time is at least 1 day.").nullish(),
  shipBy: InstantInput.nullish(),
});

export type CreateInput = z.output<typeof CreateInput>;

export const ShipInput = z.strictObject({
  orderId: IdInput("The order id"),
  carrier: Text(64, "The carrier"),
  trackingNumber: z
    .string()
    .trim()
    .min(4, "A tracking number has at least 4 characters.")
    .max(64, "A tracking number is at most 64 characters.")
    .regex(/^[A-Za-z0-9-]+$/, "A tracking number has letters, digits and dashes only."),
  shippedAt: InstantInput.nullish(),
  expectedVersion: VersionInput,
});

export type ShipInput = z.output<typeof ShipInput>;

export const ExpediteInput = z.strictObject({
  orderId: IdInput("The order id"),
  expectedVersion: VersionInput,
});

export type ExpediteInput = z.output<typeof ExpediteInput>;

export const CancelInput = z.strictObject({
  orderId: IdInput("The order id"),
  reason: z.enum(CANCEL_REASONS),
  note: NoteInput,
  expectedVersion: VersionInput,
});

export type CancelInput = z.output<typeof CancelInput>;

export const DeliverInput = z.strictObject({
  orderId: IdInput("The order id"),
  deliveredAt: InstantInput.nullish(),
  expectedVersion: VersionInput,
});

export type DeliverInput = z.output<typeof DeliverInput>;

export const IncidentInput = z.strictObject({
  orderId: IdInput("The order id"),
  cause: z.enum(INCIDENT_CAUSES),
  note: Text(2000, "The note"),
  supportTicketRef: z
    .string()
    .trim()
    .min(1)
    .max(128, "A support ticket reference is at most 128 characters.")
    .nullish(),
  expectedVersion: VersionInput,
});

export type IncidentInput = z.output<typeof IncidentInput>;
