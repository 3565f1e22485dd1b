/**
 * The operations docs stay true to the code: every environment variable the code reads is in the
 * configuration reference, and every setting the stack passes to the functions too.
 */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { apiThrottle, secrets } from "../../stacks/wiring";

const root = fileURLToPath(new URL("../../", import.meta.url));
const reference = readFileSync(join(root, "docs/running-it.md"), "utf8");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.parentPath.includes("generated"))
    .map((e) => join(e.parentPath, e.name));
}

/** `process.env.NAME`, `process.env["NAME"]` and `env.NAME` (a passed-in environment). */
function variablesRead(): Set<string> {
  const found = new Set<string>();
  for (const pkg of readdirSync(join(root, "packages"))) {
    for (const file of sources(join(root, "packages", pkg, "src"))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\b(?:process\.env|env)(?:\.([A-Z][A-Z0-9_]+)|\[\s*"([A-Z][A-Z0-9_]+)"\s*\])/g))
        found.add((m[1] ?? m[2])!);
    }
  }
  return found;
}

describe("docs/running-it.md configuration reference", () => {
  it("names every environment variable the code reads", () => {
    const read = variablesRead();
    expect(read.size).toBeGreaterThan(5);
    const missing = [...read].filter((name) => !reference.includes(`\`${name}\``));
    expect(missing, "add them to the configuration reference in docs/running-it.md").toEqual([]);
  });

  it("names every secret and setting the stack passes to the functions", () => {
    const names = [...secrets.map((s) => s.name), "NODE_ENV", "APP_MODE", "JWT_SELLER_CLAIM"];
    expect(names.filter((name) => !reference.includes(`\`${name}\``))).toEqual([]);
  });
});

describe("the API's request rate", () => {
  it("is the stage's throttle (stacks/wiring.ts, apiThrottle) in the operators' and the clients' docs", () => {
    const clients = readFileSync(join(root, "docs/using-the-api.md"), "utf8");
    for (const text of [reference, clients]) {
      expect(text).toContain(`${apiThrottle.rateLimit} requests per second`);
      expect(text).toMatch(new RegExp(`bursts of (up to )?${apiThrottle.burstLimit}\\b`));
    }
  });
});
