/**
 * The DynamoDB tables, built from `tableSpecs` (packages/db/src/specs.ts): the same definitions
 * the local bootstrap creates in DynamoDB Local, so tests and deploys share one schema.
 *
 * Uses the `sst` and `$app` globals declared by `.sst/platform/config.d.ts`, hence excluded from
 * the app type-check; only `sst.config.ts` imports it, inside `run()`.
 */

import { tableSpecs, type TableName, type TableSpec } from "../packages/db/src/specs";

/** The `sst.aws.Dynamo` arguments of one spec (`serves` is documentation, not config). */
function dynamoArgs(spec: TableSpec, production: boolean): sst.aws.DynamoArgs {
  return {
    fields: spec.fields,
    primaryIndex: spec.primaryIndex,
    globalIndexes: Object.fromEntries(
      Object.entries(spec.globalIndexes).map(([name, index]) => [
        name,
        { hashKey: index.hashKey, ...(index.rangeKey ? { rangeKey: index.rangeKey } : {}) },
      ]),
    ),
    ...(spec.ttl ? { ttl: spec.ttl } : {}),
    // SST v4 enables point-in-time recovery on every table already; production also refuses
    // DeleteTable, on top of the app-level `protect` and `removal: "retain"`.
    deletionProtection: production,
  };
}

/** Creates one table per entry of `tableSpecs`, keyed by table name. */
export function createTables(): Record<TableName, sst.aws.Dynamo> {
  const production = $app.stage === "production";
  const tables = {} as Record<TableName, sst.aws.Dynamo>;
  for (const spec of Object.values(tableSpecs)) {
    tables[spec.name] = new sst.aws.Dynamo(spec.name, dynamoArgs(spec, production));
  }
  return tables;
}
