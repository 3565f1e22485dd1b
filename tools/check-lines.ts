import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/**
 * Part of `npm run lint`: no line over 120 characters in the files Biome checks. The formatter
 * keeps code within that width but cannot break a long string or comment, so this check catches
 * what it leaves (the file-size limit is Biome's `noExcessiveLinesPerFile`, see biome.json).
 * Generated files, fixtures and data are left out, as in biome.json.
 */
const MAX_LINE = 120;

/** Where the limit applies: every tracked source file, less what is generated or data. */
const CHECKED = /\.(ts|mjs|cjs)$/;
const LEFT_OUT = [/(^|\/)generated\//, /^test\/fixtures\//, /^bench\/\.out\//];

function sourceFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" });
  return listed.split("\n").filter((path) => CHECKED.test(path) && !LEFT_OUT.some((pattern) => pattern.test(path)));
}

const overLong: string[] = [];
for (const path of sourceFiles()) {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    continue; // listed by git but deleted in the working tree
  }
  text.split("\n").forEach((line, index) => {
    if (line.length > MAX_LINE) overLong.push(`${path}:${index + 1}: ${line.length} characters (at most ${MAX_LINE})`);
  });
}
if (overLong.length > 0) {
  process.stderr.write(`${overLong.join("\n")}\n${overLong.length} lines over ${MAX_LINE} characters.\n`);
  process.exit(1);
}
