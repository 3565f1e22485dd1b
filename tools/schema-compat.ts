import { CriticalityLevel, diff, type Change } from "@graphql-inspector/core";
import { buildSchema } from "graphql";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The contract check (docs/changing-stored-data.md): `graphql/schema.graphql` against the last
 * released schema, `graphql/released/schema.graphql`, with GraphQL Inspector. A breaking change
 * passes only when CHANGELOG.md lists it, one line per change, naming its schema coordinate and
 * saying how clients migrate:
 *
 *     - BREAKING `Order.legacyStatus`: removed; read `Order.status` (deprecated since 2026-11).
 *
 * Run by the test suite (test/contract/schema-compat.test.ts) and by `npm run schema:check`.
 */

export interface CompatibilityReport {
  breaking: Change[];
  /** Breaking changes with no changelog line naming their coordinate: these fail the check. */
  unlisted: Change[];
  /** Changes clients may notice (a new enum value, a new optional argument…): reported, never failing. */
  dangerous: Change[];
}

/** The coordinate of each `- BREAKING \`Coordinate\`: note` line with a non-empty note. */
export function listedBreakingChanges(changelog: string): Set<string> {
  const listed = new Set<string>();
  for (const line of changelog.split("\n")) {
    const match = /^\s*[-*]\s+BREAKING\s+`([^`]+)`\s*:\s*(\S.*)$/.exec(line);
    if (match) listed.add(match[1]!);
  }
  return listed;
}

/** The schema coordinate a change is about (`Type`, `Type.field`, `Type.field.argument`, `Enum.VALUE`). */
export function coordinateOf(change: Change): string {
  return change.path ?? change.message;
}

export async function checkCompatibility(
  releasedSdl: string,
  currentSdl: string,
  changelog: string,
): Promise<CompatibilityReport> {
  const list = await diff(buildSchema(releasedSdl), buildSchema(currentSdl));
  const listed = listedBreakingChanges(changelog);
  const breaking = list.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
  return {
    breaking,
    unlisted: breaking.filter((c) => !listed.has(coordinateOf(c))),
    dangerous: list.filter((c) => c.criticality.level === CriticalityLevel.Dangerous),
  };
}

const ROOT = fileURLToPath(new URL("../", import.meta.url));

export async function checkRepository(root = ROOT): Promise<CompatibilityReport> {
  const read = (path: string) => readFileSync(join(root, path), "utf8");
  return checkCompatibility(
    read("graphql/released/schema.graphql"),
    read("graphql/schema.graphql"),
    read("CHANGELOG.md"),
  );
}

export function describeChange(change: Change): string {
  return `${coordinateOf(change)}: ${change.message}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = await checkRepository();
  for (const c of report.dangerous) process.stdout.write(`dangerous  ${describeChange(c)}\n`);
  for (const c of report.breaking)
    process.stdout.write(
      `breaking   ${describeChange(c)}${report.unlisted.includes(c) ? "   ← not in CHANGELOG.md" : ""}\n`,
    );
  if (report.unlisted.length > 0) {
    process.stderr.write(
      `${report.unlisted.length} breaking change(s) not listed in CHANGELOG.md; add a line per change: - BREAKING ` +
        `\`Coordinate\`: how clients migrate.\n`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(
      `Schema compatible with the released one (${report.breaking.length} listed breaking change(s)).\n`,
    );
  }
}
