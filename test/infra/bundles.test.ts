/**
 * What each deployed function's bundle carries, checked with esbuild's metafile (the bundler SST
 * uses; bench/README.md, cold start). A job that imports `@seller-ops/api`'s index also bundles the
 * GraphQL server it exports, and through it the schema and every resolver, evaluated at each cold
 * start for nothing: the jobs import the API's config and log modules directly.
 */

import { isBuiltin } from "node:module";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import { functions, neverLoaded, type FunctionDef } from "../../stacks/wiring";
import { deployedBuildOptions, handlerEntry } from "../../tools/deployed-bundle";

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

const built = new Map<string, Promise<Metafile>>();

/** Each function is bundled once, as deployed, for all the checks below. */
function bundled(def: FunctionDef): Promise<Metafile> {
  const known = built.get(def.handler);
  if (known) return known;
  const metafile = build({
    ...deployedBuildOptions(ROOT, handlerEntry(def.handler), def.runtime, def.nodejs),
    write: false,
    outdir: "out",
  }).then((result) => result.metafile);
  built.set(def.handler, metafile);
  return metafile;
}

async function bundledInputs(def: FunctionDef): Promise<string[]> {
  return Object.keys((await bundled(def)).inputs);
}

describe("function bundles", () => {
  const jobs = Object.entries(functions).filter(([name]) => name !== "graphql");

  it.each(jobs)(
    "%s carries neither the GraphQL server nor the schema",
    async (_name, def) => {
      const inputs = await bundledInputs(def);
      expect(inputs.length).toBeGreaterThan(0);
      expect(inputs.filter((path) => GRAPHQL_ONLY.includes(path))).toEqual([]);
    },
    30_000,
  );

  it("the GraphQL handler carries them (the check above looks at the right paths)", async () => {
    const inputs = await bundledInputs(functions.graphql);
    for (const path of GRAPHQL_ONLY) expect(inputs).toContain(path);
  }, 30_000);

  it.each(Object.entries(functions))(
    "%s carries zod/mini, not zod's classic API",
    async (_name, def) => {
      const inputs = await bundledInputs(def);
      expect(inputs.filter((path) => ZOD_CLASSIC.test(path))).toEqual([]);
    },
    30_000,
  );

  // With NODE_ENV=production (stacks/wiring.ts) graphql-js no longer throws on a second copy of
  // itself; a type test against the other copy would quietly answer false. One build of it, then.
  it.each(Object.entries(functions))(
    "%s carries one build of graphql-js at most",
    async (_name, def) => {
      const inputs = await bundledInputs(def);
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
    const inputs = await bundledInputs(functions.graphql);
    expect(inputs.filter((path) => path.startsWith("node_modules/graphql/")).length).toBeGreaterThan(50);
  }, 30_000);

  it("the GraphQL handler carries zod/mini (the check above looks at the right paths)", async () => {
    const inputs = await bundledInputs(functions.graphql);
    expect(inputs.some((path) => ZOD_MINI.test(path))).toBe(true);
  }, 30_000);

  // What a bundle leaves out must be reached only through `import()` on a path not taken: a static
  // import of a module left out fails the function at its first import, in AWS only. And only from the
  // module the list was written for: an external matches the import text from any file.
  const importerOf = (path: string) =>
    (neverLoaded.apolloPlugins as readonly string[]).includes(path)
      ? "node_modules/@apollo/server/dist/esm/ApolloServer.js"
      : "node_modules/@aws-sdk/credential-provider-node/dist-es/";

  it.each(Object.entries(functions))(
    "%s leaves out only modules it imports dynamically, each one it names imported somewhere",
    async (_name, def) => {
      const metafile = await bundled(def);
      const leftOut = new Map<string, string[]>();
      for (const [importer, input] of Object.entries(metafile.inputs))
        for (const i of input.imports)
          if (i.external && !isBuiltin(i.path) && i.path !== "<runtime>")
            leftOut.set(i.path, [...(leftOut.get(i.path) ?? []), `${i.kind} from ${importer}`]);
      for (const [path, how] of leftOut)
        expect(
          how.filter((h) => !h.startsWith(`dynamic-import from ${importerOf(path)}`)),
          `${path}: ${how.join(", ")}`,
        ).toEqual([]);
      expect([...leftOut.keys()].sort()).toEqual([...def.nodejs.esbuild.external].sort());
    },
    30_000,
  );

  // What leaving them out is for: the reporting plugins' protobuf and the SDK's STS and SSO clients (~470 KB)
  // are in no function's bundle.
  const NEVER_BUNDLED =
    /^node_modules\/(@apollo\/usage-reporting-protobuf|@apollo\/protobufjs|@aws-sdk\/nested-clients)\//;
  it.each(Object.entries(functions))(
    "%s carries neither Apollo's protobuf nor the SDK's STS and SSO clients",
    async (_name, def) => {
      const inputs = await bundledInputs(def);
      expect(inputs.filter((path) => NEVER_BUNDLED.test(path))).toEqual([]);
    },
    30_000,
  );
});
