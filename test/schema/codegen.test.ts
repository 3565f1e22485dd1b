import { readdirSync, readFileSync } from "node:fs";
import { generate } from "@graphql-codegen/cli";
import { describe, expect, it } from "vitest";
import config from "../../codegen";

/** A target ending in `/` is a preset's folder (the client preset writes several files into it). */
const targets = Object.keys(config.generates);
const folders = targets.filter((t) => t.endsWith("/"));

describe("generated code", () => {
  it("is exactly what `npm run codegen` makes from graphql/schema.graphql and graphql/operations/ (run it after " +
    "changing either)", async () => {
    const outputs: { filename: string; content: string }[] = await generate({ ...config, silent: true }, false);
    const filenames = outputs.map((o) => o.filename).sort();
    // Every target produced something, and nothing was written outside the targets.
    for (const target of targets)
      expect(
        filenames.some((f) => f === target || (target.endsWith("/") && f.startsWith(target))),
        target,
      ).toBe(true);
    for (const file of filenames)
      expect(
        targets.some((t) => file === t || (t.endsWith("/") && file.startsWith(t))),
        file,
      ).toBe(true);
    for (const output of outputs) {
      expect(readFileSync(output.filename, "utf8"), `${output.filename} is stale: run npm run codegen`).toBe(
        output.content,
      );
    }
    // A folder holds only what the generator writes now (no leftovers from a removed operation).
    for (const folder of folders) {
      const present = readdirSync(folder)
        .map((f) => `${folder}${f}`)
        .sort();
      expect(present).toEqual(filenames.filter((f) => f.startsWith(folder)));
    }
  }, 60_000);
});
