import { linksFrom } from "@seller-ops/api";
import { createDocumentClient, localTableNames, TABLE_NAMES, tablesFromLinks, type Db } from "@seller-ops/db";
import { localDynamo } from "../packages/local/src/runtime";
import * as Maintenance from "./stats-rebuild";

/**
 * `npm run stats -- rebuild [--check]`: recomputes every seller's daily counters and overview
 * counters from the orders, cases and refund applications and reports any mismatch; without
 * `--check` it also rewrites the days and overviews that differ.
 * A maintenance tool (it scans whole tables), against the DynamoDB `npm start` runs or the
 * linked tables of a deployed stage (inside `npx sst shell --stage NAME`).
 */

function database(): Db {
  const links = linksFrom(process.env);
  if (links.Sellers) return { doc: createDocumentClient(), tables: tablesFromLinks(links, TABLE_NAMES) };
  const { endpoint, tablePrefix } = localDynamo();
  return { doc: createDocumentClient({ endpoint }), tables: localTableNames(tablePrefix) };
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
      `overview mismatches${check ? "" : `, ${report.overviewsWritten} overviews rewritten`}` +
      `${check ? "" : `; ${report.sellersRepairedAlone} sellers changed during the pass, repaired on their own`}.\n`,
  );
  if (check && report.mismatches.length + report.overviewMismatches.length > 0) process.exit(1);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
