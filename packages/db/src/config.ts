import { TABLE_NAMES, type TableName } from "./specs";

/**
 * How the service names its tables: by SST link. Deployed, each function is linked to the tables it
 * may use (`link` in `stacks/api.ts`, which also grants IAM access), and SST's `Resource` reads
 * them: from the encrypted `resource.enc` in a Lambda, from `SST_RESOURCE_<Name>` variables under
 * `sst shell` or `sst dev`. Locally and in tests the runtime sets the same `SST_RESOURCE_<Name>`
 * variables (`tableLinkEnv`). This module only parses; `packages/api/src/config.ts` reads.
 */

export type TableNames = Record<TableName, string>;

/** What a table's link holds (SST's `Dynamo.getSSTLink()` plus the type the link adds). */
export interface TableLink {
  name: string;
  type: "sst.aws.Dynamo";
}

/** Physical table names for a local stage, e.g. `local-Orders`. */
export function localTableNames(prefix: string): TableNames {
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, `${prefix}-${t}`])) as TableNames;
}

/** The `SST_RESOURCE_<Table>` variables that link every table, as `sst shell` sets them. */
export function tableLinkEnv(names: TableNames): Record<string, string> {
  return Object.fromEntries(
    TABLE_NAMES.map((t) => [
      `SST_RESOURCE_${t}`,
      JSON.stringify({ name: names[t], type: "sst.aws.Dynamo" } satisfies TableLink),
    ]),
  );
}

/**
 * The tables a function uses, from its links. Every table in `required` must be linked (a missing
 * one fails at start, naming the link to add in `stacks/wiring.ts`); any other table is left out,
 * and using it anyway fails at that moment with the same message instead of an AWS error.
 */
export function tablesFromLinks(links: Readonly<Record<string, unknown>>, required: readonly TableName[]): TableNames {
  const tables = {} as TableNames;
  for (const table of TABLE_NAMES) {
    const link = links[table] as Partial<TableLink> | undefined;
    const name =
      typeof link === "object" && link !== null && typeof link.name === "string" && link.name ? link.name : null;
    const missing =
      `The ${table} table is not linked to this function: add it to the function's tables in stacks/wiring.ts ` +
      `(SST_RESOURCE_${table} is not set).`;
    if (name) tables[table] = name;
    else if (required.includes(table)) throw new Error(missing);
    else {
      Object.defineProperty(tables, table, {
        enumerable: false,
        get() {
          throw new Error(missing);
        },
      });
    }
  }
  return tables;
}
