/**
 * How `sst deploy` bundles a Node.js function, in one place: the offline synthesis answers SST's
 * `Runtime.Build` with it, the bench measures what it builds, and the bundle tests run that.
 *
 * SST 4's build (its Go CLI, `pkg/runtime/node/build.go`): esbuild with bundle, keepNames, ESM,
 * target esnext, `mainFields` module-then-main, this banner, `sharp` and `pg-native` external; then
 * from the function's `nodejs` options: `minify`, and `esbuild.external` added to the externals. A
 * deployed bundle carries no source map unless `nodejs.sourceMap` asks for one.
 */

import type { BuildOptions } from "esbuild";
import type { FunctionDef } from "../stacks/wiring";

/** SST's banner: ESM output still gets `require`, `__filename` and `__dirname` for CommonJS dependencies. */
const BANNER = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __filename = topLevelFileUrlToPath(import.meta.url)`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
].join("\n");

/** SST's own externals, on every function. */
const ALWAYS_EXTERNAL = ["sharp", "pg-native"];

/** The part of a function's `nodejs` options that changes its bundle (the shape SST passes to its build). */
export interface NodejsBuildProperties {
  minify?: boolean;
  esbuild?: { external?: readonly string[] };
}

/** The entry file of a handler in SST's format (`packages/functions/src/graphql.handler`). */
export function handlerEntry(handler: FunctionDef["handler"]): string {
  return `${handler.slice(0, handler.lastIndexOf("."))}.ts`;
}

/** esbuild options for `entry` as SST deploys a function with these `nodejs` options. */
export function deployedBuildOptions(
  root: string,
  entry: string,
  nodejs: NodejsBuildProperties = {},
): BuildOptions & { metafile: true } {
  return {
    absWorkingDir: root,
    entryPoints: [entry],
    platform: "node",
    external: [...ALWAYS_EXTERNAL, ...(nodejs.esbuild?.external ?? [])],
    keepNames: true,
    bundle: true,
    minify: nodejs.minify === true,
    metafile: true,
    format: "esm",
    target: "esnext",
    mainFields: ["module", "main"],
    banner: { js: BANNER },
    logLevel: "silent",
  };
}
