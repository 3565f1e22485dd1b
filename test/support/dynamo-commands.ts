/**
 * The DynamoDB commands a deployed function's code can send, read from its bundle: built as deployed
 * (esbuild's tree shaking keeps only the code its handler reaches), but with the AWS SDK left out and not
 * minified, so the bundle names what it imports from `@aws-sdk/lib-dynamodb` and `@aws-sdk/client-dynamodb`
 * and shows each `new …Command(…)` it keeps. `test/infra/synth.test.ts` compares them with what the
 * function's role may do (`dynamoCommandActions` in stacks/wiring.ts).
 */

import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { FunctionDef } from "../../stacks/wiring";
import { deployedBuildOptions, handlerEntry } from "../../tools/deployed-bundle";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface DynamoUse {
  /** The commands constructed (`GetCommand`, `TransactWriteCommand`, …), by their SDK names, sorted. */
  commands: string[];
  /** Whether a transaction item checks a condition (`ConditionCheck`), which IAM allows on its own. */
  conditionCheck: boolean;
  /**
   * Each place the code names a table (`db.tables.Orders`), by table: `QueryCommand on <index>` where it is the
   * `TableName` of a command on an index, `QueryCommand` of a command on the table, or `other` (a transaction item,
   * a helper's argument…), which could be any action.
   */
  tableUses: Record<string, string[]>;
  /** Whether the code picks a table by a computed name (`db.tables[kind.table]`): then it may use any table. */
  computedTable: boolean;
  /**
   * Where the code takes the table names in any other way (`const { ApiKeys } = db.tables`, `const t = db.tables`,
   * `({ tables: { ApiKeys } })`): `tableUses` cannot follow those, so they could use any table. Passing the loaded
   * names on whole into a `tables` field (`{ tables: loaded.tables }`) is how a handler builds its database and
   * is not counted: the code that reads that field is read in turn.
   */
  tablesTakenOtherwise: string[];
}

/** The DynamoDB commands the function's bundle constructs, and whether it writes a ConditionCheck item. */
export async function dynamoUseOf(def: FunctionDef): Promise<DynamoUse> {
  const options = deployedBuildOptions(ROOT, handlerEntry(def.handler), def.runtime, def.nodejs);
  const result = await build({
    ...options,
    external: [...(options.external ?? []), "@aws-sdk/*"],
    minify: false,
    sourcemap: false,
    write: false,
    outdir: "out",
  });
  const text = result.outputFiles.find((f) => f.path.endsWith(".js"))!.text;
  // The bundle renames a second import of the same command (`GetCommand as GetCommand2`).
  const sdkName = new Map<string, string>();
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/(?:lib|client)-dynamodb"/g))
    for (const specifier of m[1]!
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [imported, local] = specifier.split(/\s+as\s+/);
      sdkName.set(local ?? imported!, imported!);
    }
  const commands = new Set<string>();
  for (const m of text.matchAll(/\bnew\s+([\w$]+)\s*\(/g)) {
    const name = sdkName.get(m[1]!);
    if (name?.endsWith("Command")) commands.add(name);
  }
  const tableUses: Record<string, string[]> = {};
  for (const m of text.matchAll(/\.tables\.(\w+)/g)) {
    const before = /new\s+([\w$]+)\s*\(\s*\{\s*TableName:\s*[\w$]+$/.exec(
      text.slice(Math.max(0, m.index - 200), m.index),
    );
    const index = /^,\s*IndexName:\s*"(\w+)"/.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 200));
    const command = before ? sdkName.get(before[1]!) : undefined;
    const use = command ? (index ? `${command} on ${index[1]}` : command) : "other";
    tableUses[m[1]!] = [...(tableUses[m[1]!] ?? []), use];
  }
  return {
    commands: [...commands].sort(),
    conditionCheck: /\bConditionCheck\b/.test(text),
    tableUses,
    computedTable: /\.tables\[/.test(text),
    tablesTakenOtherwise: [
      ...[...text.matchAll(/\.tables\b(?!\s*[.[])/g)].filter(
        (m) => !/\btables:\s*[\w$]+$/.test(text.slice(Math.max(0, m.index - 100), m.index)),
      ),
      ...text.matchAll(/\btables\s*:\s*\{/g),
    ].map((m) => text.slice(Math.max(0, m.index - 40), m.index + 40).replace(/\s+/g, " ")),
  };
}
