import * as z from "zod/mini";
import { says } from "../i18n/schema-text";
import type { Noun } from "../i18n/texts-errors";
import { Identifier } from "../inputs";

/**
 * Evidence references: where a document, a photo or a record lives, never the thing itself. A
 * deposit refund application's documents and a case's evidence are both such references, so
 * both are validated by this one schema and redacted by the same retention rule
 * (packages/db/src/retention.ts): after the evidence retention period the reference is replaced
 * by `REDACTED`, and the rest of the record (kind, who, when) stays.
 */

/** What a redacted reference (and any redacted text) reads afterwards. */
export const REDACTED = "[redacted]";

/**
 * An object key (no scheme, no control characters, not an absolute path, no `..` segment) or an https URL without
 * a user name or password; other schemes are refused. A browser reads a backslash in a link as a slash, so an
 * object key starts with neither: linked from a dashboard, `/x` leaves the key's folder, and
 * `//evil.example/login`, `\\evil.example/login` or `\/evil.example/login` open `https://evil.example/login` for
 * whoever follows the evidence. A `..` segment leaves the folder too, however it is written (`../`, `..\\`, or
 * `%2e%2e`, which a browser resolves as `..`). Credentials in a URL would be shown to the other side of the case,
 * and `https://files.example.com@evil.example/` reads as the first host while it opens the second.
 */
export function isReference(reference: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is what this check is for
  if (/[\u0000-\u001f\u007f]/.test(reference)) return false;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(reference))
    return !/^[/\\]/.test(reference) && !reference.split(/[/\\]/).some((segment) => DOT_DOT.test(segment));
  try {
    const url = new URL(reference);
    return url.protocol === "https:" && url.hostname !== "" && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}

/** A path segment that means the parent folder, as a browser resolves it: `..`, with either dot percent-encoded. */
const DOT_DOT = /^(?:\.|%2e){2}$/i;

/**
 * What tells two references apart as files (a refund application's required documents must be files of their own):
 * the reference trimmed, less its trailing slashes; for an https URL also its scheme and host in lower case, without
 * the default port, the user part or the fragment (`#…` never reaches the server), as URL parsing writes them. The
 * path and the query keep their case and stay part of it (an object key is case-sensitive, `?id=1` and `?id=2` may
 * be two files). Nothing is fetched: two different references to one stored object are told apart by their checksum.
 * @example sameFileKey(" HTTPS://Files.Example.com:443/a/Sales.xlsx/#top ") // "https://files.example.com/a/Sales.xlsx"
 */
export function sameFileKey(reference: string): string {
  const trimmed = reference.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) {
    try {
      const url = new URL(trimmed);
      return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}${url.search}`;
    } catch {
      // Not a URL after all (the input schema refuses those): compared as written.
    }
  }
  return trimmed.replace(/\/+$/, "");
}

/** Printable ASCII: what a percent-encoded URL or an opaque id is made of, one byte a character when stored. */
const PRINTABLE_ASCII = /^[\u0021-\u007e]*$/;

/**
 * The input schema of a reference: trimmed, not empty, at most `max` characters, no invisible character, an
 * object key or an https URL; with `asciiOnly`, printable ASCII only (a URL's other characters are
 * percent-encoded), so a reference stored in a bounded item costs at most `max` bytes.
 * @example referenceInput({ what: "documentReference", max: 1024 })
 */
export function referenceInput(args: { what: Noun; max: number; asciiOnly?: boolean }) {
  // Compared as files (`sameFileKey`): an invisible character would make a second file that reads the same. Kept as
  // typed, not folded to NFKC: it names an object in someone's storage, byte for byte.
  const base = Identifier(args.max, args.what, { folded: false });
  const ascii = args.asciiOnly
    ? base.check(z.regex(PRINTABLE_ASCII, says("schema.referenceAscii", { what: args.what })))
    : base;
  return ascii.check(z.refine(isReference, { message: says("schema.referenceFormat", { what: args.what }) }));
}
