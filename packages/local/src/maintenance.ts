import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { PutCommand, ScanCommand, type ScanCommandInput } from "@aws-sdk/lib-dynamodb";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { linksFrom } from "@seller-ops/api";
import {
  createDocumentClient,
  localTableNames,
  TABLE_NAMES,
  tablesFromLinks,
  type Db,
  type TableName,
  type TransactItem,
} from "@seller-ops/db";
import { localDynamo } from "./runtime";

/**
 * What every maintenance command (`npm run keys`, `stats`, `migrate`, `webhooks:reseal`, `repair:*`) shares: the
 * tables it works on, and how it runs from the command line.
 */

/**
 * The tables a maintenance command works on: a deployed stage's, when it runs inside `npx sst shell --stage NAME`
 * (SST sets `SST_RESOURCE_<Table>` and the AWS credentials), else the DynamoDB Local `npm start` runs. Inside a shell,
 * a table in `required` without its link is an error naming it, never a fall back to the local tables. Which it is
 * goes to `tell` (stderr) before anything is read: an operator who meant a stage and ran outside its shell (a key
 * created locally, a repair of nothing), or left a DYNAMODB_ENDPOINT set inside one, sees it at once.
 */
export function maintenanceDatabase(
  required: readonly TableName[] = TABLE_NAMES,
  env = process.env,
  tell: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  /** The tables the line names: those the run works on (`migrate -- --table Orders`), of those it has. */
  named: readonly TableName[] = required,
): Db {
  const links = linksFrom(env);
  if (TABLE_NAMES.some((table) => table in links)) {
    const tables = tablesFromLinks(links, required);
    const where = env.DYNAMODB_ENDPOINT ? `at ${env.DYNAMODB_ENDPOINT} (DYNAMODB_ENDPOINT)` : "on AWS";
    tell(`Working on the stage's linked tables ${where}: ${named.map((t) => tables[t]).join(", ")}.`);
    return { doc: createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT }), tables };
  }
  const { endpoint, tablePrefix } = localDynamo(undefined, env);
  tell(
    `Working on DynamoDB Local at ${endpoint}, tables ${tablePrefix}-*: not a deployed stage (for one, run inside ` +
      "`npx sst shell --stage NAME`).",
  );
  return { doc: createDocumentClient({ endpoint }), tables: localTableNames(tablePrefix) };
}

/**
 * Flags of the commands' own that npm also has as settings, which a user's `.npmrc` may set (`access=public`, for
 * publishing): npm passes those on however the command is typed, so their presence says nothing. A command typed
 * without `--` still shows it by its other flags (`npm run keys create --role …` loses `--role`).
 */
const NPM_SETTINGS_AN_NPMRC_SETS = new Set(["access"]);

/**
 * Look-only flags other commands have: typed without `--` to one that has none (`npm run webhooks:reseal --dry-run`),
 * npm keeps them as its own settings and the command would never see them, and write. Refused as npm's.
 */
const LOOK_ONLY_FLAGS = ["dry-run", "check"];

/**
 * A command's flags and positionals, parsed strictly: an unknown or misspelt flag is an error, then `usage`, never
 * ignored (a look-only run misspelt would otherwise write). A flag typed without npm's `--` (`npm run migrate
 * --dry-run`, `npm run stats rebuild --check`) never reaches the command: npm keeps it as its own setting and passes
 * it on as `npm_config_dry_run`, so the command would write what the operator meant only to see. Any of the
 * command's own flags found there is an error saying where to put the `--`. `positionals`: whether the command takes
 * words besides its flags (`rebuild`); a command that takes none refuses them.
 */
export function commandArgs<const O extends NonNullable<ParseArgsConfig["options"]>>(
  usage: string,
  options: O,
  { positionals = false, args = process.argv.slice(2), env = process.env } = {},
) {
  const tookByNpm = [...new Set([...Object.keys(options), ...LOOK_ONLY_FLAGS])].filter((name) => {
    if (NPM_SETTINGS_AN_NPMRC_SETS.has(name)) return false;
    const setting = env[`npm_config_${name.replaceAll("-", "_")}`];
    return setting !== undefined && setting !== "" && setting !== "false";
  });
  if (tookByNpm.length > 0)
    throw new Error(
      `${tookByNpm.map((name) => `--${name}`).join(", ")} went to npm, not to the command: put \`--\` before the ` +
        `command's arguments.\n${usage}`,
    );
  try {
    return parseArgs({ args, options, allowPositionals: positionals, strict: true });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${usage}`);
  }
}

/**
 * Runs `main` when the module at `moduleUrl` is the command being run (not when a test imports it): a thrown error is
 * its message on stderr and exit code 1, with no stack trace for an operator to read past.
 */
export function runWhenCalled(moduleUrl: string, main: () => Promise<void>): void {
  if (!process.argv[1] || resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}

/**
 * Every item of a Scan, page by page, strongly consistent (a maintenance tool may Scan; a request path or a job never
 * does). Nothing is kept between pages: a tool that keeps something says what and why.
 */
export async function* scanItems(
  db: Db,
  input: Omit<ScanCommandInput, "ExclusiveStartKey" | "ConsistentRead">,
): AsyncGenerator<Record<string, unknown>> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new ScanCommand({ ...input, ExclusiveStartKey: start, ConsistentRead: true }));
    yield* page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

/**
 * A backfill's write of an item the service writes only if absent (a guard), as the service's own transaction item:
 * true when written; false when one is there already (the live service wrote it meanwhile): never overwritten.
 */
export async function putIfStillAbsent(db: Db, write: TransactItem): Promise<boolean> {
  if (!write.Put) throw new Error("putIfStillAbsent: the write is not a Put.");
  try {
    await db.doc.send(new PutCommand(write.Put));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
