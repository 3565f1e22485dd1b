import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { configFromEnv, linksFrom } from "@seller-ops/api";
import type { Webhooks } from "@seller-ops/core";
import {
  createDocumentClient,
  kindOf,
  localTableNames,
  TABLE_NAMES,
  tablesFromLinks,
  transactWrite,
  WebhookEndpointsRepo,
  type Db,
} from "@seller-ops/db";
import { localDynamo } from "../packages/local/src/runtime";

/**
 * `npm run webhooks:reseal`: step 2 of rotating the `WebhookSecretKey` (docs/webhooks.md). With
 * the secret set to `NEW OLD`, every endpoint's signing secrets are re-sealed under NEW, so that
 * the secret can then be set to `NEW` alone. A maintenance tool, so it may Scan. Idempotent: an
 * endpoint already sealed under NEW is left alone; an endpoint changed meanwhile is counted as a
 * conflict, and running again finishes it. An endpoint item this code cannot read is listed and left alone (the
 * others are still re-sealed): its secrets may still be sealed under OLD, so the secret must keep OLD until it is
 * mended and the tool run again.
 */

export interface ResealReport {
  scanned: number;
  resealed: number;
  current: number;
  conflicts: number;
  /** `scope/endpointId` of each endpoint item this code cannot read (`WebhookEndpointsRepo.readItem`). */
  unreadable: string[];
}

export async function resealAll(db: Db, keyring: Webhooks.Keyring): Promise<ResealReport> {
  const report: ResealReport = { scanned: 0, resealed: 0, current: 0, conflicts: 0, unreadable: [] };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({ TableName: db.tables.WebhookEndpoints, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    for (const item of page.Items ?? []) {
      if (kindOf("WebhookEndpoints", item) !== "webhookEndpoint") continue;
      report.scanned++;
      const endpoint = WebhookEndpointsRepo.readItem(item);
      if (WebhookEndpointsRepo.isUnreadable(endpoint)) {
        report.unreadable.push(`${endpoint.scope}/${endpoint.endpointId}`);
        continue;
      }
      const write = WebhookEndpointsRepo.resealWrite(db, endpoint, keyring);
      if (!write) {
        report.current++;
        continue;
      }
      const result = await transactWrite(db.doc, [write]);
      if (result.ok) report.resealed++;
      else report.conflicts++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return report;
}

/** The stage's tables (inside `npx sst shell --stage NAME`), or the DynamoDB Local `npm start` runs. */
function database(): Db {
  const links = linksFrom(process.env);
  if (links.WebhookEndpoints) return { doc: createDocumentClient(), tables: tablesFromLinks(links, TABLE_NAMES) };
  const { endpoint, tablePrefix } = localDynamo();
  return { doc: createDocumentClient({ endpoint }), tables: localTableNames(tablePrefix) };
}

async function main() {
  const report = await resealAll(database(), configFromEnv().webhooks.keyring);
  process.stdout.write(
    `WebhookEndpoints: scanned ${report.scanned}, resealed ${report.resealed}, already current ${report.current}, ` +
      `conflicts ${report.conflicts}\n`,
  );
  if (report.conflicts > 0) {
    process.stderr.write("Some endpoints changed while they were re-sealed: run again.\n");
    process.exitCode = 1;
  }
  if (report.unreadable.length > 0) {
    process.stderr.write(
      `These endpoint items cannot be read and were left as they are: ${report.unreadable.join(", ")}. ` +
        "Keep OLD in the secret; mend them (or finish the deploy that wrote them), then run again.\n",
    );
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
