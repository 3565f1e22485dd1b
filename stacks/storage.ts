/**
 * The DynamoDB tables, built from `tableSpecs` (packages/db/src/specs.ts): the same definitions
 * the local bootstrap creates in DynamoDB Local, so tests and deploys share one schema.
 *
 * Uses the `sst`, `aws` and `$app` globals declared by `.sst/platform/config.d.ts` (written offline by
 * `tools/sst-platform.ts`), so it is type-checked by `tsconfig.sst.json` against the installed SST's
 * components; only `sst.config.ts` imports it, inside `run()`.
 */

import { tableSpecs, type TableName, type TableSpec } from "../packages/db/src/specs";
import { tableProtectionFor, type TableProtection } from "./wiring";

/** The `sst.aws.Dynamo` arguments of one spec (`serves` is documentation, not config). */
function dynamoArgs(spec: TableSpec, protection: TableProtection): sst.aws.DynamoArgs {
  return {
    fields: spec.fields,
    primaryIndex: spec.primaryIndex,
    globalIndexes: Object.fromEntries(
      Object.entries(spec.globalIndexes).map(([name, index]) => [
        name,
        {
          hashKey: index.hashKey,
          ...(index.rangeKey ? { rangeKey: index.rangeKey } : {}),
          ...(index.projection ? { projection: index.projection } : {}),
        },
      ]),
    ),
    ...(spec.ttl ? { ttl: spec.ttl } : {}),
    ...(spec.stream ? { stream: spec.stream } : {}),
    // Production refuses DeleteTable, on top of the app-level `protect` and `removal: "retain"`.
    deletionProtection: protection.deletionProtection,
    // `sst.aws.Dynamo` has no argument for point-in-time recovery, so it goes to the Pulumi
    // `aws.dynamodb.Table` it wraps. SST turns it on by default; saying it here keeps it on
    // whatever the default becomes.
    transform: {
      table: (args, opts) => {
        args.pointInTimeRecovery = { enabled: protection.pointInTimeRecovery };
        // A new global index is built from the whole table before the deploy goes on, and the provider waits
        // 60 minutes by default: a large Cases table would fail the deploy while the index keeps building.
        opts.customTimeouts = { ...opts.customTimeouts, update: "6h" };
      },
    },
  };
}

/** Creates one table per entry of `tableSpecs`, keyed by table name. */
export function createTables(): Record<TableName, sst.aws.Dynamo> {
  // A linked table gives a function its name only. SST's own link of a Dynamo also allows `dynamodb:*` on it and
  // all under it (DeleteTable, UpdateTable, backups, exports); each function's role gets the few actions its code
  // sends instead (`dynamoCommandActions` in stacks/wiring.ts, granted in stacks/api.ts).
  sst.Linkable.wrap(sst.aws.Dynamo, (table) => ({ properties: { name: table.name } }));
  const protection = tableProtectionFor($app.stage);
  const tables = {} as Record<TableName, sst.aws.Dynamo>;
  for (const spec of Object.values(tableSpecs)) {
    tables[spec.name] = new sst.aws.Dynamo(spec.name, dynamoArgs(spec, protection));
  }
  return tables;
}
