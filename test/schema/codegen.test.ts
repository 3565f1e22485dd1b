import { readFileSync } from "node:fs";
import { generate } from "@graphql-codegen/cli";
import { describe, expect, it } from "vitest";
import config from "../../codegen";

describe("generated resolver types", () => {
  it("are exactly what `npm run codegen` makes from graphql/schema.graphql (run it after changing the schema)", async () => {
    const outputs = await generate({ ...config, silent: true }, false);
    expect(outputs.map((o: { filename: string }) => o.filename).sort()).toEqual(Object.keys(config.generates).sort());
    for (const output of outputs) {
      expect(readFileSync(output.filename, "utf8"), `${output.filename} is stale: run npm run codegen`).toBe(output.content);
    }
  }, 60_000);
});
