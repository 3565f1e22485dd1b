// Emits the schema for the Lambda bundle, so the handler carries it without reading files at run
// time: graphql/schema.graphql (with every description, which development stages serve through
// introspection) already parsed, as its document AST without locations, in JSON. Parsing the
// ~95 KB of SDL with graphql-js at every cold start was the largest part of the handler's module
// init (it runs before the JIT has warmed up); JSON.parse of the same AST takes a fraction of it
// (bench/README.md, cold start). It ships Brotli-compressed (~385 KB of JSON → ~29 KB; raw deflate
// made ~40 KB, and the base64 text in the bundle is 4/3 of that: 39 KB instead of 53 KB) and is
// decompressed once per cold start in about the time inflating took. Part of `npm run codegen`; the
// drift test regenerates and compares it (parse and Brotli at fixed parameters are deterministic).
const { readFileSync } = require("node:fs");
const { resolve } = require("node:path");
const { brotliCompressSync, constants } = require("node:zlib");
const { parse } = require("graphql");

module.exports = {
  plugin(_schema, _documents, config) {
    const sdl = readFileSync(resolve(process.cwd(), config.schemaFile), "utf8");
    const ast = JSON.stringify(parse(sdl, { noLocation: true }));
    const packed = brotliCompressSync(Buffer.from(ast, "utf8"), {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      },
    }).toString("base64");
    return [
      `import type { DocumentNode } from "graphql";`,
      `import { brotliDecompressSync } from "node:zlib";`,
      ``,
      `/** graphql/schema.graphql parsed (no locations): its AST as JSON, Brotli-compressed, base64-encoded. */`,
      `const packed = ${JSON.stringify(packed)};`,
      ``,
      `export const typeDefsAst: DocumentNode = JSON.parse(`,
      `  brotliDecompressSync(Buffer.from(packed, "base64")).toString("utf8"),`,
      `);`,
      ``,
    ].join("\n");
  },
};
