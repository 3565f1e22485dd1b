import { says } from "../i18n/schema-text";
import * as z from "zod/mini";
import { EVENT_TYPES } from "../events/types";
import { IdInput, plainCharacters, VersionInput, maxChars } from "../inputs";
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
  .check(
    z.trim(),
    z.minLength(1, says("schema.giveUrl", {})),
    maxChars(MAX_URL_LENGTH, says("schema.tooLong", { what: "url", max: MAX_URL_LENGTH })),
    plainCharacters("url"),
  );

const EventTypes = z
  .array(z.enum(EVENT_TYPES))
  .check(z.maxLength(MAX_EVENT_TYPES, says("schema.atMost", { what: "eventTypes", max: MAX_EVENT_TYPES })));

const Target = {
  sellerId: z.nullish(IdInput("sellerId")),
  endpointId: IdInput("endpointId"),
  expectedVersion: VersionInput,
};

export const RegisterInput = z.lazy(() =>
  z.strictObject({
    sellerId: z.nullish(IdInput("sellerId")),
    url: Url,
    /** Empty or absent: every event type. */
    eventTypes: z.nullish(EventTypes),
  }),
);
export type RegisterInput = z.output<typeof RegisterInput>;

export const RotateInput = z.lazy(() =>
  z.strictObject({
    ...Target,
    /** How long the previous secret keeps signing; 0 ends it at once. */
    overlapHours: z.pipe(
      z.nullish(
        z
          .number()
          .check(
            z.int(says("schema.wholeNumber", { what: "overlapHours" })),
            z.minimum(0, says("schema.atLeast", { what: "overlapHours", min: 0 })),
            z.maximum(
              MAX_OVERLAP_MS / HOUR_MS,
              says("schema.atMost", { what: "overlapHours", max: MAX_OVERLAP_MS / HOUR_MS }),
            ),
          ),
      ),
      z.transform((hours) => (hours ?? DEFAULT_OVERLAP_MS / HOUR_MS) * HOUR_MS),
    ),
  }),
);
export type RotateInput = z.output<typeof RotateInput>;

export const SwitchInput = z.lazy(() => z.strictObject(Target));
export type SwitchInput = z.output<typeof SwitchInput>;

export const UpdateInput = z.lazy(() =>
  z.strictObject({ ...Target, url: z.nullish(Url), eventTypes: z.nullish(EventTypes) }),
);
export type UpdateInput = z.output<typeof UpdateInput>;
