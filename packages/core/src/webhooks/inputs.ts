import { says } from "../i18n/schema-text";
import * as z from "zod";
import { EVENT_TYPES } from "../events/types";
import { IdInput, VersionInput } from "../inputs";
import { HOUR_MS } from "../time";
import { MAX_URL_LENGTH } from "./endpoints";
import { MAX_EVENT_TYPES } from "./registry";
import { DEFAULT_OVERLAP_MS, MAX_OVERLAP_MS } from "./rotation";

/**
 * The endpoint mutations' inputs, parsed at the boundary. `sellerId` names the scope: implied by a
 * seller key, required for a partner key; an operator leaves it out for the operator scope (the
 * operator-level events). The URL's rules are checked after parsing (`checkUrl`: they depend on
 * the configuration), so that a refused URL has its own stable code.
 */

const Url = z
  .string()
  .trim()
  .min(1, says("schema.giveUrl", {}))
  .max(MAX_URL_LENGTH, says("schema.tooLong", { what: "url", max: MAX_URL_LENGTH }));

const EventTypes = z
  .array(z.enum(EVENT_TYPES))
  .max(MAX_EVENT_TYPES, says("schema.atMost", { what: "eventTypes", max: MAX_EVENT_TYPES }));

const Target = {
  sellerId: IdInput("sellerId").nullish(),
  endpointId: IdInput("endpointId"),
  expectedVersion: VersionInput,
};

export const RegisterInput = z.strictObject({
  sellerId: IdInput("sellerId").nullish(),
  url: Url,
  /** Empty or absent: every event type. */
  eventTypes: EventTypes.nullish(),
});
export type RegisterInput = z.output<typeof RegisterInput>;

export const RotateInput = z.strictObject({
  ...Target,
  /** How long the previous secret keeps signing; 0 ends it at once. */
  overlapHours: z
    .number()
    .int(says("schema.wholeNumber", { what: "overlapHours" }))
    .min(0, says("schema.atLeast", { what: "overlapHours", min: 0 }))
    .max(MAX_OVERLAP_MS / HOUR_MS, says("schema.atMost", { what: "overlapHours", max: MAX_OVERLAP_MS / HOUR_MS }))
    .nullish()
    .transform((hours) => (hours ?? DEFAULT_OVERLAP_MS / HOUR_MS) * HOUR_MS),
});
export type RotateInput = z.output<typeof RotateInput>;

export const SwitchInput = z.strictObject(Target);
export type SwitchInput = z.output<typeof SwitchInput>;

export const UpdateInput = z.strictObject({ ...Target, url: Url.nullish(), eventTypes: EventTypes.nullish() });
export type UpdateInput = z.output<typeof UpdateInput>;
