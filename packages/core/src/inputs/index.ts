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

/**
 * Characters no input keeps: the C0 controls (U+0000–U+001F), DEL and the C1 controls (U+007F–U+009F),
 * and the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). Stored and
 * echoed, they rewrite a terminal or a log line (`ESC [`), cut a text short (NUL), or show a name
 * backwards (`\u202egpj.exe` reads as `exe.jpg`). A one-line text refuses Unicode's line and paragraph
 * separators (U+2028, U+2029) too: they break a line as a line feed does, in a log viewer or a dashboard.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is what this check is for
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/**
 * The same, less the line feed, carriage return and tab a multi-line text (a message, a note) is written with, and
 * the line and paragraph separators, which are line breaks too.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above
const CONTROL_IN_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Half of a UTF-16 surrogate pair with no other half: no character at all, and not valid JSON for strict readers. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Characters that show nothing: Unicode's formatting characters (`Cf`: zero-width space and joiners, word joiner, soft
 * hyphen, byte order mark, direction marks) and its default-ignorable ones (variation selectors, the combining
 * grapheme joiner, Hangul fillers, tags), plus the blank Braille pattern U+2800. NFKC keeps them all. Left in an id
 * by a copy and paste or an input method, they make `AE-778899` and `AE-778899` + U+200B (or + U+FE0F) two ids that
 * read the same, and the duplicate guard keyed by the id misses the second. Free texts keep them (a zero-width joiner
 * builds emoji and some scripts' letters, a variation selector picks an emoji's look). The bidirectional controls,
 * `Cf` too, are refused everywhere by CONTROL, with its own message. An id refuses the private-use characters (`Co`)
 * and the noncharacters (U+FFFF, U+FDD0…) as well: they have no agreed look, so `AE-778899` + U+E000 shows as the
 * first id, or as it followed by an empty box, depending on the font. Both sets are fixed by Unicode, so the check
 * is the same on every runtime (unassigned code points are not: each Unicode version assigns some).
 */
const INVISIBLE_CHARACTER =
  /(?![\u202a-\u202e\u2066-\u2069])[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800\p{Co}\p{Noncharacter_Code_Point}]/u;

/** Whether a text has half of a surrogate pair without its other half (`LONE_SURROGATE`). */
export function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}

/** `value` cut to at most `max` UTF-16 units, never between the two halves of one character (a surrogate pair). */
export function cutText(value: string, max: number): string {
  if (value.length <= max) return value;
  const last = value.charCodeAt(max - 1);
  return value.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** Whether a text has a character no input keeps (`multiLine`: line breaks and tabs are kept). */
export function hasControlCharacters(value: string, options: { multiLine?: boolean } = {}): boolean {
  return (options.multiLine ? CONTROL_IN_LINES : CONTROL).test(value);
}

/**
 * The check every text and id input makes: no control or bidirectional-override character, and no half of a
 * surrogate pair (`LONE_SURROGATE`); a multi-line text (`multiLine`) keeps line feeds, carriage returns and tabs.
 * Stored shapes do not make it: what was stored before is read as it is.
 */
export function plainCharacters(what: Noun, options: { multiLine?: boolean } = {}) {
  const multiLine = options.multiLine ?? false;
  return z.check<string>((ctx) => {
    if (hasControlCharacters(ctx.value, { multiLine })) {
      ctx.issues.push({
        code: "custom",
        message: says("schema.controlCharacters", { what, multiLine }),
        input: ctx.value,
      });
    }
    if (LONE_SURROGATE.test(ctx.value)) {
      ctx.issues.push({ code: "custom", message: says("schema.loneSurrogate", { what }), input: ctx.value });
    }
  });
}

/**
 * The check every identifier input makes besides `plainCharacters`: no character that shows nothing
 * (`INVISIBLE_CHARACTER`), which would make a second id that reads the same as the first.
 */
export function visibleCharacters(what: Noun) {
  return z.refine<string>((value) => !INVISIBLE_CHARACTER.test(value), {
    message: says("schema.invisibleCharacters", { what }),
  });
}

/**
 * At most `max` characters, counted as UTF-16 code units (as `String.length`, and most clients, count them):
 * an emoji or another character outside the Basic Multilingual Plane counts 2. zod's `maxLength` counts such
 * a character once, so its 4 UTF-8 bytes made a text at its limit a third larger than the 3 bytes a counted
 * character takes at most this way, and the item-size bounds (test/reliability/item-growth.test.ts) are
 * worked out from 3.
 */
export function maxChars(max: number, message: string) {
  return z.refine<string>((value) => value.length <= max, { message });
}

/**
 * A trimmed, non-empty text of at most `max` characters; `what` names it in the messages (i18n Noun).
 * One line unless `multiLine` (notes, reasons, descriptions): no control characters and no half of a surrogate pair
 * either way. `mayBeEmpty`: an empty text (after trimming) is kept, for an optional note. `folded`: brought to
 * Unicode's NFKC first (`Identifier`), and its length counted after.
 */
export function Text(
  max: number,
  what: Noun,
  options: { multiLine?: boolean; mayBeEmpty?: boolean; folded?: boolean } = {},
) {
  const checks = [
    maxChars(max, says("schema.tooLong", { what, max })),
    plainCharacters(what, { multiLine: options.multiLine ?? false }),
  ];
  if (!options.mayBeEmpty) checks.unshift(z.minLength(1, says("schema.empty", { what })));
  const prepare = options.folded ? [z.normalize("NFKC"), z.trim()] : [z.trim()];
  return z.string().check(...prepare, ...checks);
}

/**
 * An identifier of at most `max` characters, for any string that is compared or put in a key (ids, a marketplace's
 * order id and refund reference, a support ticket): a text (`Text`, one line) with no invisible formatting character
 * either, in Unicode's NFKC. Two spellings that read the same are one id: `CAFÉ-1001` typed with É or with E and a
 * combining accent (what some systems send), `ＲＦ１２３` typed with a Chinese input method's full-width letters and
 * `RF123`. Kept as typed, they made two keys, and the duplicate guard keyed by the id missed the second. Free texts
 * (notes, messages) are kept as typed, and so is an id that names something outside (`folded: false`: a file's
 * object key or URL, where `证据（1）.pdf` folded to `证据(1).pdf` would name another file).
 */
export function Identifier(max: number, what: Noun, options: { folded?: boolean } = {}) {
  return Text(max, what, { folded: options.folded ?? true }).check(visibleCharacters(what));
}

/**
 * An identifier as `Identifier` compares it: in NFKC. What an earlier release stored as typed (`ＲＦ１２３`) is
 * compared, and keyed, as the folded spelling a caller sends today (`RF123`).
 */
export function foldedIdentifier(id: string): string {
  return id.normalize("NFKC");
}

/** Whether two identifiers are one: the same once folded (`foldedIdentifier`). */
export function sameIdentifier(a: string, b: string): boolean {
  return foldedIdentifier(a) === foldedIdentifier(b);
}

/**
 * An id of at most `ID_MAX_LENGTH` characters, with no invisible formatting character; `what` names it in the
 * messages ("The order id").
 */
export const IdInput = (what: Noun = "id") => Identifier(ID_MAX_LENGTH, what);

/** Whether `id` can name anything at all: a longer one is never read from the table. */
export function couldBeId(id: string): boolean {
  return id.length <= ID_MAX_LENGTH;
}

/** An optional note of at most 1000 characters (trimmed; may be empty; may have several lines). */
export const NoteInput = z.nullish(Text(1000, "shortNote", { multiLine: true, mayBeEmpty: true }));

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
