import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { linksFrom } from "@seller-ops/api";
import { createDocumentClient, localTableNames, TABLE_NAMES, tablesFromLinks, type Db } from "@seller-ops/db";
import * as Maintenance from "./stats-rebuild";

/**
 * `npm run stats -- rebuild [--check]`: recomputes every seller's daily counters and overview
 * counters from the orders, cases and refund applications and reports any mismatch; without
 * `--check` it also rewrites the days and overviews that differ.
 * A maintenance tool (it scans whole tables), against the DynamoDB `npm start` runs or the
 * linked tables of a deployed stage (inside `npx sst shell --stage NAME`).
 */
const ROOT = fileURLToPath(new URL("../", import.meta.url));

function database(): Db {
  const links = linksFrom(process.env);
  if (links.Sellers) return { doc: createDocumentClient(), tables: tablesFromLinks(links, TABLE_NAMES) };
  const runtimeFile = join(ROOT, ".local", "runtime.json");
  const endpoint =
    process.env.DYNAMODB_ENDPOINT ??
    (existsSync(runtimeFile)
      ? (JSON.parse(readFileSync(runtimeFile, "utf8")) as { endpoint: string }).endpoint
      : undefined);
  if (!endpoint)
    throw new Error(
      "No DynamoDB to use: start the local one with `npm start`, or run this inside `npx sst shell --stage NAME` for " +
        "a deployed stage.",
    );
  return { doc: createDocumentClient({ endpoint }), tables: localTableNames(process.env.TABLE_PREFIX ?? "local") };
}

async function main() {
  const [command, ...flags] = process.argv.slice(2);
  if (command !== "rebuild") throw new Error("Usage: npm run stats -- rebuild [--check]");
  const check = flags.includes("--check");
  const report = await Maintenance.rebuildStats(database(), { write: !check });
  for (const m of report.mismatches)
    process.stdout.write(
      `mismatch ${m.sellerId} ${m.day} ${m.counter}: stored ${m.stored}, recomputed ${m.expected}\n`,
    );
  for (const m of report.overviewMismatches)
    process.stdout.write(
      `mismatch ${m.sellerId} overview ${m.counter}: stored ${m.stored}, recomputed ${m.expected}\n`,
    );
  process.stdout.write(
    `${report.sellers} sellers, ${report.daysChecked} days checked, ${report.mismatches.length} ` +
      `mismatches${check ? "" : `, ${report.daysWritten} days rewritten`}; ${report.overviewMismatches.length} ` +
      `overview mismatches${check ? "" : `, ${report.overviewsWritten} overviews rewritten`}.\n`,
  );
  if (check && report.mismatches.length + report.overviewMismatches.length > 0) process.exit(1);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
