import { en } from "./en";
import { formatsFor, type Formats } from "./formats";
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
export { dateTime, formatsFor, hours, money, type Formats } from "./formats";

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

/** A renderer bound to one language and time zone, for the many texts of one answer. */
export function writer(args: { language: Language; timeZone: string; now?: string }): (text: Text) => string {
  const formats = formatsFor(args);
  return (text) => render({ text, formats });
}
