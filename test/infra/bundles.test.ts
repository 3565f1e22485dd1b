/**
 * What each deployed function's bundle carries, checked with esbuild's metafile (the bundler SST
 * uses; bench/README.md, cold start). A job that imports `@seller-ops/api`'s index also bundles the
 * GraphQL server it exports, and through it the schema and every resolver, evaluated at each cold
 * start for nothing: the jobs import the API's config and log modules directly.
 */

import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { functions } from "../../stacks/wiring";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The modules only the GraphQL handler needs: the server, the schema and its resolvers' entry. */
const GRAPHQL_ONLY = [
  "packages/api/src/server.ts",
  "packages/api/src/schema.ts",
  "packages/api/src/schema-tables.ts",
  "packages/api/src/generated/type-defs.ts",
];

/**
 * zod's classic API: its schemas carry every method on each instance and pull in
 * `toJSONSchema`, ~100 KB more than zod/mini (same core, same issues) in every bundle.
 */
const ZOD_CLASSIC = /^node_modules\/zod\/v4\/classic\//;
const ZOD_MINI = /^node_modules\/zod\/v4\/mini\//;

const built = new Map<string, Promise<string[]>>();

/** Each handler is bundled once for all the checks below. */
function bundledInputs(handler: string): Promise<string[]> {
  const known = built.get(handler);
  if (known) return known;
  const inputs = bundle(handler);
  built.set(handler, inputs);
  return inputs;
}

async function bundle(handler: string): Promise<string[]> {
  const entry = `${handler.slice(0, handler.lastIndexOf("."))}.ts`;
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    write: false,
    outdir: "out",
    format: "esm",
    platform: "node",
    target: "node22",
    mainFields: ["module", "main"],
    metafile: true,
    logLevel: "error",
  });
  return Object.keys(result.metafile.inputs);
}

describe("function bundles", () => {
  const jobs = Object.entries(functions).filter(([name]) => name !== "graphql");

  it.each(jobs)(
    "%s carries neither the GraphQL server nor the schema",
    async (_name, def) => {
      const inputs = await bundledInputs(def.handler);
      expect(inputs.length).toBeGreaterThan(0);
      expect(inputs.filter((path) => GRAPHQL_ONLY.includes(path))).toEqual([]);
    },
    30_000,
  );

  it("the GraphQL handler carries them (the check above looks at the right paths)", async () => {
    const inputs = await bundledInputs(functions.graphql.handler);
    for (const path of GRAPHQL_ONLY) expect(inputs).toContain(path);
  }, 30_000);

  it.each(Object.entries(functions))(
    "%s carries zod/mini, not zod's classic API",
    async (_name, def) => {
      const inputs = await bundledInputs(def.handler);
      expect(inputs.filter((path) => ZOD_CLASSIC.test(path))).toEqual([]);
    },
    30_000,
  );

  // With NODE_ENV=production (stacks/wiring.ts) graphql-js no longer throws on a second copy of
  // itself; a type test against the other copy would quietly answer false. One build of it, then.
  it.each(Object.entries(functions))(
    "%s carries one build of graphql-js at most",
    async (_name, def) => {
      const inputs = await bundledInputs(def.handler);
      const builds = new Set(
        inputs
          .filter((path) => path.startsWith("node_modules/graphql/"))
          .map((path) => path.slice(path.lastIndexOf("."))),
      );
      expect(builds.size, `graphql-js builds: ${[...builds].join(", ")}`).toBeLessThanOrEqual(1);
    },
    30_000,
  );

  it("the GraphQL handler carries graphql-js (the check above looks at the right paths)", async () => {
    const inputs = await bundledInputs(functions.graphql.handler);
    expect(inputs.filter((path) => path.startsWith("node_modules/graphql/")).length).toBeGreaterThan(50);
  }, 30_000);

  it("the GraphQL handler carries zod/mini (the check above looks at the right paths)", async () => {
    const inputs = await bundledInputs(functions.graphql.handler);
    expect(inputs.some((path) => ZOD_MINI.test(path))).toBe(true);
  }, 30_000);
});
