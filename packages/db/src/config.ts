import { TABLE_NAMES, type TableName } from "./specs";

/**
 * Where the service finds its tables. Deployed, `stacks/` sets one environment variable per
 * linked table (`TABLE_ORDERS=<physical name>`); locally and in tests the runtime sets the same
 * variables, so every layer reads table names from this one module.
 */
export function tableEnvVar(table: TableName): string {
  return `TABLE_${table.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}`;
}

export type TableNames = Record<TableName, string>;

/** Physical table names for a local stage, e.g. `local-Orders`. */
export function localTableNames(prefix: string): TableNames {
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, `${prefix}-${t}`])) as TableNames;
}

/** The environment variables that point the service at a set of tables. */
export function tableEnv(names: TableNames): Record<string, string> {
  return Object.fromEntries(TABLE_NAMES.map((t) => [tableEnvVar(t), names[t]]));
}

/** Reads the table names from the environment; a missing one is a deployment error, said plainly. */
export function tableNamesFromEnv(env: NodeJS.ProcessEnv = process.env): TableNames {
  const names = {} as TableNames;
  for (const t of TABLE_NAMES) {
    const value = env[tableEnvVar(t)];
    if (!value) throw new Error(`Table name missing: set ${tableEnvVar(t)} (the ${t} table).`);
    names[t] = value;
  }
  return names;
}
