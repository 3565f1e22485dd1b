import { text, type Text, type TextKey, type TextParams } from "./texts";

/**
 * A schema check's own message as a text: zod carries messages as strings, so the key and its
 * figures travel as marked JSON and `Errors.parseInput` turns them back into the text, which the
 * API writes in the reader's language. Every issue of a parsed input thus becomes a key with its
 * parameters, never English to be matched or translated afterwards.
 * @example z.string().check(z.minLength(1, says("schema.empty", { what: "note" })))
 */
export function says<K extends TextKey>(key: K, params: TextParams[K]): string {
  return MARK + JSON.stringify(text(key, params));
}

/** No message a person writes starts with a NUL character. */
const MARK = "\u0000text:";

/** The text a marked message carries, or null for a plain one. */
export function saidText(message: string): Text | null {
  return message.startsWith(MARK) ? (JSON.parse(message.slice(MARK.length)) as Text) : null;
}
