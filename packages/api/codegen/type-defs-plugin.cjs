// Emits the schema for the Lambda bundle, so the handler carries it without reading files at run
// time: graphql/schema.graphql (with every description, which development stages serve through
// introspection) already parsed, as its document AST without locations, in JSON. Parsing the
// ~95 KB of SDL with graphql-js at every cold start was the largest part of the handler's module
// init (it runs before the JIT has warmed up); JSON.parse of the same AST takes a fraction of it
// (bench/README.md, cold start). It ships deflated (~300 KB of JSON → ~31 KB) and is inflated once
// per cold start in about a millisecond. Part of `npm run codegen`; the drift test regenerates and
// compares it (parse and deflate are deterministic).
const { readFileSync } = require("node:fs");
const { resolve } = require("node:path");
const { deflateRawSync, constants } = require("node:zlib");
const { parse } = require("graphql");

module.exports = {
  plugin(_schema, _documents, config) {
    const sdl = readFileSync(resolve(process.cwd(), config.schemaFile), "utf8");
    const ast = JSON.stringify(parse(sdl, { noLocation: true }));
    const packed = deflateRawSync(Buffer.from(ast, "utf8"), { level: constants.Z_BEST_COMPRESSION }).toString("base64");
    return [
      `import type { DocumentNode } from "graphql";`,
      `import { inflateRawSync } from "node:zlib";`,
      ``,
      `/** graphql/schema.graphql parsed (no locations): its AST as JSON, deflated (raw), base64-encoded. */`,
      `const packed = ${JSON.stringify(packed)};`,
      ``,
      `export const typeDefsAst: DocumentNode = JSON.parse(`,
      `  inflateRawSync(Buffer.from(packed, "base64")).toString("utf8"),`,
      `);`,
      ``,
    ].join("\n");
  },
};
