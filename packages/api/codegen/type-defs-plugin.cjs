// Emits the SDL as a TypeScript string so the Lambda bundle carries the schema without reading
// files at run time. Part of `npm run codegen`; the drift test regenerates and compares it.
const { readFileSync } = require("node:fs");
const { resolve } = require("node:path");

module.exports = {
  plugin(_schema, _documents, config) {
    const sdl = readFileSync(resolve(process.cwd(), config.schemaFile), "utf8");
    return `export const typeDefs = ${JSON.stringify(sdl)};\n`;
  },
};
