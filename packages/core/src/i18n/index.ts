import { en } from "./en";
import { baseFormats, type Formats } from "./formats";
import type { Language } from "./language";
import type { Catalog, Text } from "./texts";
import { zhCN } from "./zh-CN";

/**
 * Seller-facing text in the seller's language (en, zh-CN): keys with typed figures (texts.ts),
 * one catalog per language (en.ts, zh-CN.ts), figures written by formats.ts, the language chosen
 * by language.ts. Pure: no I/O, no clock.
 */
export * from "./language";
export * from "./texts";
export type { TargetMention, ViolationMention } from "./texts-health";
export type * from "./texts-errors";
export { says, saidText } from "./schema-text";
export { dateTime, day, hours, money, type Formats } from "./formats";

/** Every language's catalog: a language without a catalog is a type error. */
export const CATALOGS: Record<Language, Catalog> = { en, "zh-CN": zhCN };

/**
 * A text written in one language, figures formatted for it and dates on the seller's clock.
 * @example render({ text: text("remedy.platformSupportTicket", {}), formats: formatsFor({ language: "zh-CN",
 * timeZone: "Asia/Shanghai" }) })
 */
export function render(args: { text: Text; formats: Formats }): string {
  const write = CATALOGS[args.formats.language][args.text.key] as (params: Text["params"], f: Formats) => string;
  return write(args.text.params, args.formats);
}

/** The formats of one language and time zone (`now` decides whether a date names its year). */
export function formatsFor(args: { language: Language; timeZone: string; now?: string }): Formats {
  return baseFormats({ ...args, write: (text, formats) => render({ text, formats }) });
}

const ENGLISH_UTC = formatsFor({ language: "en", timeZone: "UTC" });

/**
 * The English of a text, dates in UTC: what core keeps next to a text for logs, tests and readers
 * that take no language (the API writes the text itself in the reader's language and clock).
 */
export function english(text: Text): string {
  return render({ text, formats: ENGLISH_UTC });
}

/** A sentence as core returns it: the English `message` and the `text` the API writes in the reader's language. */
export function said(text: Text): { message: string; text: Text } {
  return { message: english(text), text };
}

/** A renderer bound to one language and time zone, for the many texts of one answer. */
export function writer(args: { language: Language; timeZone: string; now?: string }): (text: Text) => string {
  const formats = formatsFor(args);
  return (text) => render({ text, formats });
}
