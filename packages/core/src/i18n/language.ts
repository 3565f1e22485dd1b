import * as z from "zod/mini";
import { says } from "./schema-text";

/**
 * The languages every seller-facing text exists in. A text without one of them fails the type
 * check (catalogs are typed over every key) and the catalog test.
 */
export const LANGUAGES = ["en", "zh-CN"] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = "en";

/** A language as a client sends it in an input: exactly one of `LANGUAGES`' codes (`zh-CN`, not `zh`). */
export const LanguageInput = z.enum(LANGUAGES, { error: says("schema.language", { values: [...LANGUAGES] }) });

/**
 * The language we speak for one BCP 47 tag, or null: `zh`, `zh-CN`, `zh-Hans`, `zh-Hans-CN` and
 * `zh-SG` are Simplified Chinese, and so is any tag naming the Simplified script whatever its region
 * (`zh-Hans-HK`, `zh-Hans-TW`, `zh-Hans-MO`); `zh-Hant-*`, and `zh-TW`, `zh-HK`, `zh-MO` without a
 * script (Traditional by default there), are not: we do not write the Traditional script. `en-*` is
 * English. Case does not matter (`ZH-cn`).
 */
export function fromTag(tag: string): Language | null {
  const parts = tag.trim().toLowerCase().split(/[-_]/);
  const [primary, ...rest] = parts;
  if (primary === "en") return "en";
  if (primary !== "zh") return null;
  if (rest.includes("hant")) return null;
  if (rest.includes("hans")) return "zh-CN";
  if (rest.includes("tw") || rest.includes("hk") || rest.includes("mo")) return null;
  return "zh-CN";
}

/**
 * The language an `Accept-Language` header asks for, or null when it names none we speak (the
 * caller then falls back: the seller's setting, then English). Ranges are taken by their q-value,
 * highest first, ties in the order written; `q=0` means "not this one"; `*` accepts anything, so
 * it picks nothing of its own. A malformed entry is skipped, not fatal: a header is a hint.
 * @example fromAcceptLanguage("fr-CH, fr;q=0.9, zh;q=0.8, en;q=0.5") // "zh-CN"
 */
export function fromAcceptLanguage(header: string | null | undefined): Language | null {
  if (!header) return null;
  const ranges = header
    .split(",")
    .slice(0, 50)
    .map((entry, index) => {
      const [range = "", ...params] = entry.split(";").map((p) => p.trim());
      const qParam = params.find((p) => /^q\s*=/i.test(p));
      const q = qParam === undefined ? 1 : qValue(qParam.slice(qParam.indexOf("=") + 1).trim());
      return { range, q, index };
    })
    .filter((r) => r.q !== null && r.q > 0 && /^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$/.test(r.range));
  ranges.sort((a, b) => (b.q ?? 0) - (a.q ?? 0) || a.index - b.index);
  for (const { range } of ranges) {
    const language = fromTag(range);
    if (language) return language;
  }
  return null;
}

/** RFC 9110 qvalue: 0 to 1 with at most three decimals; anything else is malformed (null). */
function qValue(text: string): number | null {
  if (!/^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(text)) return null;
  return Number(text);
}

/**
 * Which language a text is written in: the request's explicit choice (`Accept-Language`), else the
 * setting of the seller the text is for, else English.
 */
export function chosen(args: { requested: Language | null; sellerSetting?: Language | null }): Language {
  return args.requested ?? args.sellerSetting ?? DEFAULT_LANGUAGE;
}
