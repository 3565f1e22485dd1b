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
  .min(1, "Give the endpoint's URL.")
  .max(MAX_URL_LENGTH, `A URL is at most ${MAX_URL_LENGTH} characters.`);

const EventTypes = z
  .array(z.enum(EVENT_TYPES))
  .max(MAX_EVENT_TYPES, `An endpoint subscribes to at most ${MAX_EVENT_TYPES} event types; an empty list means all.`);

const Target = {
  sellerId: IdInput("The seller id").nullish(),
  endpointId: IdInput("The endpoint id"),
  expectedVersion: VersionInput,
};

export const RegisterInput = z.strictObject({
  sellerId: IdInput("The seller id").nullish(),
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
    .int("The overlap is whole hours.")
    .min(0, "The overlap is 0 hours or more.")
    .max(MAX_OVERLAP_MS / HOUR_MS, `The overlap is at most ${MAX_OVERLAP_MS / HOUR_MS} hours (7 days).`)
    .nullish()
    .transform((hours) => (hours ?? DEFAULT_OVERLAP_MS / HOUR_MS) * HOUR_MS),
});
export type RotateInput = z.output<typeof RotateInput>;

export const SwitchInput = z.strictObject(Target);
export type SwitchInput = z.output<typeof SwitchInput>;

export const UpdateInput = z.strictObject({ ...Target, url: Url.nullish(), eventTypes: EventTypes.nullish() });
export type UpdateInput = z.output<typeof UpdateInput>;
