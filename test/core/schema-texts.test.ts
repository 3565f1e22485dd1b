import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Errors, I18n } from "@seller-ops/core";
import * as z from "zod";

/**
 * Every message an input schema gives its own check is a text key (`says("schema.…", …)`), so it
 * has its Chinese: a check worded with a plain string would answer English to a Chinese reader.
 * zod takes such strings in a few places (`z.maxLength(n, "…")`, `{ message: "…" }`, `{ error: "…" }`,
 * `z.number("…")`); this finds them in the sources of the layers that parse input. The packages
 * write their checks with zod/mini's functions (`z.minLength`, `z.maximum`…), classic's methods
 * (`.min(n, "…")`) are still matched for schemas written in tests.
 */

const ROOTS = ["packages/core/src", "packages/api/src"];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sources(path);
    // The catalogs themselves are the sentences.
    return path.endsWith(".ts") && !/^(en|zh-CN)(-\w+)?\.ts$/.test(name) ? [path] : [];
  });
}

/** A zod check or schema given its message as a string literal. */
const PLAIN_MESSAGE = [
  /\.(?:min|max|length|gt|gte|lt|lte|regex|int|nonempty|refine|email|url)\([^()]*?,?\s*["'`][A-Z]/,
  /\bz\.(?:minLength|maxLength|minimum|maximum|multipleOf)\([^()]*?,?\s*["'`][A-Z]/,
  /\b(?:message|error):\s*["'`][A-Z]/,
  /\bz\.(?:number|string|boolean|enum|array)\(\s*["'`][A-Z]/,
];

describe("schema messages", () => {
  it("are text keys in every input schema, never plain English strings", () => {
    const found: string[] = [];
    for (const root of ROOTS)
      for (const file of sources(root)) {
        const lines = readFileSync(file, "utf8").split("\n");
        lines.forEach((line, i) => {
          if (PLAIN_MESSAGE.some((pattern) => pattern.test(line))) found.push(`${file}:${i + 1}: ${line.trim()}`);
        });
      }
    // Top-level GraphQL errors (FORBIDDEN, UNAUTHENTICATED, the masked internal error) are not userErrors.
    const userFacing = found.filter((line) => !/forbidden\(|unauthenticated\(|Internal server error/.test(line));
    expect(userFacing).toEqual([]);
  });

  it("a check given a plain string still answers in the reader's language (the generic sentence)", () => {
    const parsed = Errors.parseInput(
      z.strictObject({ code: z.string().regex(/^[A-Z]+$/, "Codes are capitals.") }),
      { code: "abc" },
      { now: "2026-11-20T00:00:00.000Z" },
    );
    if (parsed.ok) throw new Error("expected a refusal");
    const [error] = parsed.errors;
    expect(error!.text).toBeDefined();
    expect(I18n.writer({ language: "zh-CN", timeZone: "UTC" })(error!.text!)).toMatch(/字段 code/);
  });

  it("a schema's own message that does not name its field is led by the field, in both languages", () => {
    const parsed = Errors.parseInput(
      z.strictObject({ shipBy: z.string().max(1, I18n.says("schema.dateFormat", {})) }),
      { shipBy: "2026-11-20" },
      { now: "2026-11-20T00:00:00.000Z" },
    );
    if (parsed.ok) throw new Error("expected a refusal");
    const [error] = parsed.errors;
    expect(error!.message).toBe("shipBy: Dates are ISO 8601 with a time zone, such as 2026-11-26T09:00:00Z.");
    expect(I18n.writer({ language: "zh-CN", timeZone: "UTC" })(error!.text!)).toBe(
      "字段 shipBy：日期必须是带时区的 ISO 8601 格式，例如 2026-11-26T09:00:00Z。",
    );
  });
});
