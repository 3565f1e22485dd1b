import * as Maintenance from "./stats-rebuild";
import { commandArgs, maintenanceDatabase, runWhenCalled } from "../packages/local/src/maintenance";

/**
 * `npm run stats -- rebuild [--check]`: recomputes every seller's daily counters and overview
 * counters from the orders, cases and refund applications and reports any mismatch; without
 * `--check` (or `--dry-run`, as the other tools spell it) it also rewrites the days and overviews that differ.
 * Exits non-zero when `--check` finds a mismatch, or when a rebuild leaves sellers that changed during every pass
 * (listed as `changing <id>`): run it again.
 * A maintenance tool (it scans whole tables), against the DynamoDB `npm start` runs or the
 * linked tables of a deployed stage (inside `npx sst shell --stage NAME`).
 */

async function main() {
  const usage = "Usage: npm run stats -- rebuild [--check]";
  const options = { check: { type: "boolean" }, "dry-run": { type: "boolean" } } as const;
  const { positionals, values } = commandArgs(usage, options, { positionals: true });
  if (positionals.length !== 1 || positionals[0] !== "rebuild") throw new Error(usage);
  const check = values.check === true || values["dry-run"] === true;
  const report = await Maintenance.rebuildStats(maintenanceDatabase(), { write: !check });
  for (const m of report.mismatches)
    process.stdout.write(
      `mismatch ${m.sellerId} ${m.day} ${m.counter}: stored ${m.stored}, recomputed ${m.expected}\n`,
    );
  for (const m of report.overviewMismatches)
    process.stdout.write(
      `mismatch ${m.sellerId} overview ${m.counter}: stored ${m.stored}, recomputed ${m.expected}\n`,
    );
  const again = `repaired in ${report.extraPasses} more passes`;
  process.stdout.write(
    `${report.sellers} sellers, ${report.daysChecked} days checked, ${report.mismatches.length} ` +
      `mismatches${check ? "" : `, ${report.daysWritten} days rewritten`}; ${report.overviewMismatches.length} ` +
      `overview mismatches${check ? "" : `, ${report.overviewsWritten} overviews rewritten`}` +
      `${check ? "" : `; ${report.sellersRepairedAlone} sellers changed during the pass, ${again}`}.\n`,
  );
  for (const sellerId of report.sellersStillChanging)
    process.stdout.write(`changing ${sellerId}: changed during each of ${report.extraPasses} passes, not repaired\n`);
  if (report.sellersStillChanging.length > 0) {
    process.stderr.write(`${report.sellersStillChanging.length} sellers kept changing; run the rebuild again.\n`);
    process.exit(1);
  }
  if (check && report.mismatches.length + report.overviewMismatches.length > 0) process.exit(1);
}

runWhenCalled(import.meta.url, main);
