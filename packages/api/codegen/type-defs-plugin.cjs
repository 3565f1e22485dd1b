// Emits the SDL for the Lambda bundle, so the handler carries the schema without reading files
// at run time. The SDL (with every description, which development stages serve through
// introspection) is the largest single input of the bundle: it ships deflated (~70 KB of text →
// ~23 KB) and is inflated once per cold start, in well under a millisecond. Part of
// `npm run codegen`; the drift test regenerates and compares it (deflate output is deterministic).
const { readFileSync } = require("node:fs");
const { resolve } = require("node:path");
const { deflateRawSync, constants } = require("node:zlib");

module.exports = {
  plugin(_schema, _documents, config) {
    const sdl = readFileSync(resolve(process.cwd(), config.schemaFile), "utf8");
    const packed = deflateRawSync(Buffer.from(sdl, "utf8"), { level: constants.Z_BEST_COMPRESSION }).toString("base64");
    return [
      `import { inflateRawSync } from "node:zlib";`,
      ``,
      `/** graphql/schema.graphql, deflated (raw) and base64-encoded. */`,
      `const packed = ${JSON.stringify(packed)};`,
      ``,
      `export const typeDefs: string = inflateRawSync(Buffer.from(packed, "base64")).toString("utf8");`,
      ``,
    ].join("\n");
  },
};
