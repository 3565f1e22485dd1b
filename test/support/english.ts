/**
 * What counts as English in a text meant for a Chinese reader (the completeness sweep,
 * test/api/language-sweep.test.ts): an English word of three letters or more that is not a code,
 * an identifier or a word the text may quote as sent, or Latin letters without any Chinese.
 */

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Amounts as `Money.formatted` writes them (`US$40.00`, `¥1,234.50`, `HK$3`): their letters are a symbol. */
const AMOUNT = /-?(?:[A-Z]{1,2})?[$¥€£₩][\d,]+(?:\.\d+)?/g;
/** Words a Chinese sentence may carry as they are: what a seller's tool sends, never translated. */
const ALLOWED_WORDS = new Set(["true", "false", "schema", "https", "http", "localhost", "Asia/Shanghai"]);

/**
 * Why `text` reads as English, or null when it does not. Tokens that are codes (`QUALITY_ISSUE`,
 * `CNY`), identifiers (`supportTicketRef`, `sel_01J…`, `AE-123`) or allowed words are skipped.
 */
export function englishIn(text: string, allowed: ReadonlySet<string> = new Set()): string | null {
  const skip = (token: string) => ALLOWED_WORDS.has(token) || allowed.has(token);
  const tokens = text
    .replace(AMOUNT, " ")
    .split(/[^A-Za-z0-9_/\-.]+/)
    .map((token) => token.replace(/^[.\-/]+|[.\-/]+$/g, ""))
    .filter((token) => /[A-Za-z]/.test(token) && !skip(token));
  // Digits or underscores make an id, a code or a figure (`AE-123`, `QUALITY_ISSUE`, `30d`); other
  // tokens are read part by part, so `ship-by` and `e.g.` are words too.
  const words = tokens.filter((token) => !/[0-9_]/.test(token)).flatMap((token) => token.split(/[-./]+/));
  const english = words.filter(
    (word) =>
      /^[A-Za-z]{3,}$/.test(word) &&
      !/^[A-Z]+$/.test(word) && // a code or a currency
      !/[a-z][A-Z]/.test(word) && // an identifier: a field or operation name
      !skip(word),
  );
  if (english.length > 0) return `English words: ${english.join(", ")}`;
  if (!CJK.test(text) && words.some((word) => /[A-Za-z]/.test(word) && !skip(word)))
    return `no Chinese, only ${words.join(", ")}`;
  return null;
}
