import * as z from "zod/mini";
import { ok, refuse, userError, type Result } from "../errors";
import { says } from "../i18n/schema-text";
import { text } from "../i18n/texts";
import type { Noun } from "../i18n/texts-errors";

/**
 * The building blocks every verb's input is made of, in one place so that a limit or a message
 * reads the same on every mutation: ids, texts, the optional `expectedVersion` and its check.
 *
 * The object schemas made of them (each verb's `*Input`, and the stored shapes) are exported as
 * `z.lazy(() => z.strictObject({…}))`: built the first time something parses with them, so a Lambda
 * container builds the schemas of the operations it serves rather than all of them at cold start
 * (bench/README.md, "Schemas built on first use"). These blocks are shared by many, and stay eager.
 */

/** The longest id the API issues or accepts (order, case, seller, deposit ids). */
export const ID_MAX_LENGTH = 64;

/** A trimmed, non-empty text of at most `max` characters; `what` names it in the messages (i18n Noun). */
export function Text(max: number, what: Noun) {
  return z
    .string()
    .check(
      z.trim(),
      z.minLength(1, says("schema.empty", { what })),
      z.maxLength(max, says("schema.tooLong", { what, max })),
    );
}

/** An id of at most `ID_MAX_LENGTH` characters; `what` names it in the messages ("The order id"). */
export const IdInput = (what: Noun = "id") => Text(ID_MAX_LENGTH, what);

/** Whether `id` can name anything at all: a longer one is never read from the table. */
export function couldBeId(id: string): boolean {
  return id.length <= ID_MAX_LENGTH;
}

/** An optional note of at most 1000 characters (trimmed; may be empty). */
export const NoteInput = z.nullish(
  z.string().check(z.trim(), z.maxLength(1000, says("schema.tooLong", { what: "shortNote", max: 1000 }))),
);

/** The optional `expectedVersion` of a racing update. */
export const VersionInput = z.nullish(
  z.number().check(z.int(), z.minimum(1, says("schema.atLeast", { what: "version", min: 1 }))),
);

/** The version check every racing update goes through: a stale `expectedVersion` is refused. */
export function checkVersion(current: { version: number }, expectedVersion: number | null | undefined): Result<true> {
  if (expectedVersion != null && expectedVersion !== current.version) {
    return refuse(
      userError(
        "VERSION_CONFLICT",
        text("error.versionConflict", { expected: expectedVersion, current: current.version }),
        ["input", "expectedVersion"],
      ),
    );
  }
  return ok(true);
}
