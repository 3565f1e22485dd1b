/**
 * How `sst deploy` bundles a Node.js function, in one place: the offline synthesis answers SST's
 * `Runtime.Build` with it, the bench measures what it builds, and the bundle tests check that.
 *
 * SST's build is in its Go CLI (`pkg/runtime/node/build.go` in the sst repository; the symbols used
 * below, such as the runtime-to-target map, are in the installed 4.17.1 binary, which embeds esbuild
 * 0.27): esbuild with bundle, keepNames, ESM, `mainFields` module-then-main, this banner, `sharp` and
 * `pg-native` external, a linked source map (the `.map` stays out of the package; the comment naming it
 * stays in the bundle), and the target its runtime maps to (es2024 for `nodejs24.x`). From the function's
 * `nodejs` options it takes `minify`, only when passed (the documentation says it defaults to true; the
 * build reads it as given), and `esbuild.external`, added to the externals. Other options change the
 * bundle too (`install`, `banner`, `format`, `loader`, `splitting`, more of `esbuild`); the service sets
 * none of them, and `assertMirrored` refuses them so that the synthesis cannot drift from SST unnoticed.
 */

import type { BuildOptions } from "esbuild";
import type { FunctionDef, Runtime } from "../stacks/wiring";

/** SST's banner: ESM output still gets `require`, `__filename` and `__dirname` for CommonJS dependencies. */
const BANNER = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __filename = topLevelFileUrlToPath(import.meta.url)`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
  "",
].join("\n");

/** SST's own externals, on every function. */
const ALWAYS_EXTERNAL = ["sharp", "pg-native"];

/**
 * The syntax SST compiles down to for each runtime (its `targetMap` in `pkg/runtime/node/build.go`: `nodejs24.x` →
 * `esbuild.ES2024`, `nodejs22.x` and `nodejs20.x` → ES2023), not a `node24` target.
 */
const TARGET_OF: Record<Runtime, string> = { "nodejs24.x": "es2024" };

/** The part of a function's `nodejs` options this mirror knows (the shape SST passes to its build). */
export interface NodejsBuildProperties {
  minify?: boolean;
  esbuild?: { external?: readonly string[] };
}

/**
 * Refuses `nodejs` options (as the SST component passes them to its build) that this mirror does not
 * apply; `architecture` is SST's own and does not change the bundle.
 */
export function assertMirrored(properties: Record<string, unknown>): NodejsBuildProperties {
  const unknown = Object.keys(properties).filter((k) => !["minify", "esbuild", "architecture"].includes(k));
  const esbuild = (properties.esbuild ?? {}) as Record<string, unknown>;
  unknown.push(
    ...Object.keys(esbuild)
      .filter((k) => k !== "external")
      .map((k) => `esbuild.${k}`),
  );
  if (unknown.length > 0)
    throw new Error(`nodejs options that tools/deployed-bundle.ts does not mirror: ${unknown.join(", ")}`);
  return properties as NodejsBuildProperties;
}

/** The entry file of a handler in SST's format (`packages/functions/src/graphql.handler`). */
export function handlerEntry(handler: FunctionDef["handler"]): string {
  return `${handler.slice(0, handler.lastIndexOf("."))}.ts`;
}

/** esbuild options for `entry` as SST deploys a function on `runtime` with these `nodejs` options. */
export function deployedBuildOptions(
  root: string,
  entry: string,
  runtime: Runtime,
  nodejs: NodejsBuildProperties = {},
): BuildOptions & { metafile: true } {
  const target = TARGET_OF[runtime];
  // A runtime this mirror does not know would otherwise build for esbuild's default, esnext, unnoticed.
  if (!target) throw new Error(`no build target known for the runtime ${runtime}`);
  return {
    absWorkingDir: root,
    entryPoints: [entry],
    platform: "node",
    external: [...ALWAYS_EXTERNAL, ...(nodejs.esbuild?.external ?? [])],
    keepNames: true,
    bundle: true,
    minify: nodejs.minify === true,
    metafile: true,
    sourcemap: "linked",
    format: "esm",
    target,
    mainFields: ["module", "main"],
    banner: { js: BANNER },
    logLevel: "silent",
  };
}
