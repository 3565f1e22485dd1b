/**
 * The GraphQL written out in the README and docs/ is copied by readers as it stands, so each block must be an
 * operation the API accepts: parsed and validated against the executable schema, with its scalars' own literal rules
 * (a country written `US` where `CountryCode` takes a string fails here, as it failed a reader with a 400).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { makeExecutableSchemaFrom } from "@seller-ops/api/src/schema";

const root = fileURLToPath(new URL("../../", import.meta.url));
const pages = [
  "README.md",
  ...readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** Every fenced ```graphql block of the pages, named by page and line. */
const blocks = pages.flatMap((page) => {
  const lines = readFileSync(join(root, page), "utf8").split("\n");
  const found: [string, string][] = [];
  lines.forEach((line, i) => {
    if (line.trim() !== "```graphql") return;
    const end = lines.findIndex((l, j) => j > i && l.trim() === "```");
    if (end < 0) throw new Error(`${page}:${i + 1}: a graphql block that is never closed`);
    found.push([`${page}:${i + 1}`, lines.slice(i + 1, end).join("\n")]);
  });
  return found;
});

describe("the GraphQL in the README and docs/", () => {
  const schema = makeExecutableSchemaFrom();

  it("is there to check", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });

  it.each(blocks)("%s is an operation the API accepts", (_, source) => {
    expect(validate(schema, parse(source)).map((e) => e.message)).toEqual([]);
  });
});
