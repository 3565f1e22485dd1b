import {
  closeSync,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isAlive, UsageError } from "./process";

/**
 * `.local/runtime.json`: the local stack's lock and, once it is up, where it is. `npm start` claims the file before it
 * starts anything (so two of them never run DynamoDB Local on one data folder), holding only its pid while it starts;
 * it replaces it with the endpoint and URLs when ready, and removes it on exit. The other local commands (`npm run
 * job`, `keys`, `stats`, `migrate`, `webhooks:reseal`) read it through `localDynamo`. A file whose process is gone
 * (killed with -9) is stale: the commands ignore it and the next `npm start` takes it over.
 */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const RUNTIME_FILE = join(ROOT, ".local", "runtime.json");

/** What other commands (`npm run job`, scripts) read to find the running local stack. */
export interface RuntimeInfo {
  endpoint: string;
  tablePrefix: string;
  graphqlUrl: string;
  pid: number;
}

/** The file's content: only the pid while `npm start` is starting, everything once it is ready. */
export type RuntimeRecord = Partial<RuntimeInfo> & { pid: number };

/** What the runtime file says, if it holds a pid; null when absent or unreadable. */
export function readRuntime(file = RUNTIME_FILE): RuntimeRecord | null {
  return parseRecord(readFileOr(file, ""));
}

function parseRecord(text: string): RuntimeRecord | null {
  try {
    const parsed = JSON.parse(text) as Partial<RuntimeRecord> | null;
    return typeof parsed?.pid === "number" ? (parsed as RuntimeRecord) : null;
  } catch {
    return null;
  }
}

/**
 * Takes the lock for `pid`: creates the runtime file holding only the pid, failing if it exists. The file appears
 * whole (written aside, then hard-linked into place), so another claimant never reads it half written. A file whose
 * process is gone (or that cannot be read) is taken over by replacing it in one step (a rename): the file is never
 * missing meanwhile, so no claimant can create it in a gap, and a live holder's file is never moved. Which claimant
 * may replace a stale file is decided by who first creates a marker named after that very file (its inode); the
 * winner checks the file is still that one before renaming over it.
 * Returns null when the lock is ours, or the record of the live process holding it.
 */
export function claimRuntime(file = RUNTIME_FILE, pid = process.pid): RuntimeRecord | null {
  mkdirSync(dirname(file), { recursive: true });
  const mine = `${file}.${pid}`;
  writeFileSync(mine, `${JSON.stringify({ pid })}\n`);
  try {
    for (let attempt = 0; attempt < TAKEOVER_ATTEMPTS; attempt++) {
      try {
        linkSync(mine, file);
        return null;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const held = openRuntime(file);
      if (!held) continue; // removed since: try to create it again
      const holder = held.record;
      if (holder && !isStale(holder, pid)) return holder.pid === pid ? null : holder;
      if (takeOver(file, held.inode, mine, pid)) return null;
      sleep(TAKEOVER_PAUSE_MS); // another claimant is replacing it, or already has: look again
    }
    throw new UsageError(`Could not take ${file}: other processes keep changing it.`);
  } finally {
    rmSync(mine, { force: true });
  }
}

const TAKEOVER_ATTEMPTS = 50;
const TAKEOVER_PAUSE_MS = 10;

/** The runtime file's inode and what it says, read through one descriptor (so both are of the same file). */
function openRuntime(file: string): { inode: bigint; record: RuntimeRecord | null } | null {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const inode = fstatSync(fd, { bigint: true }).ino;
    return { inode, record: parseRecord(readFileSync(fd, "utf8")) };
  } finally {
    closeSync(fd);
  }
}

/** Whether a runtime file may be taken over: unreadable, or held by another process that is gone. */
function isStale(holder: RuntimeRecord | null, pid: number): boolean {
  return !holder || (holder.pid !== pid && !isAlive(holder.pid));
}

/**
 * Replaces the stale runtime file `inode` with `mine` if this claimant wins the right to: false when another claimant
 * holds that right, or the file is no longer that one and stale. Only the marker's holder replaces a stale file (its
 * own process is gone), so between the check and the rename nothing else can change it. The check reads the holder
 * again, not only the inode: a file written since (another start's record, once it took over and published) can be
 * given the freed inode number of the stale one.
 */
export function takeOver(file: string, inode: bigint, mine: string, pid: number): boolean {
  const marker = `${file}.replacing-${inode}`;
  try {
    writeFileSync(marker, `${pid}\n`, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const replacer = Number(readFileOr(marker, ""));
    if (replacer && !isAlive(replacer))
      throw new UsageError(`A start that was taking over ${file} was killed midway: remove ${marker} and start again.`);
    return false;
  }
  try {
    const current = openRuntime(file);
    if (!current || current.inode !== inode || !isStale(current.record, pid)) return false;
    renameSync(mine, file);
    return true;
  } finally {
    rmSync(marker, { force: true });
  }
}

function readFileOr(file: string, otherwise: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return otherwise;
  }
}

/** Waits without an event loop: the claim runs before `npm start` has anything else to do. */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Replaces the lock `pid` holds with everything other commands need, in one step (a rename). */
export function publishRuntime(info: RuntimeInfo, file = RUNTIME_FILE): void {
  const next = `${file}.${info.pid}.next`;
  writeFileSync(next, `${JSON.stringify(info, null, 2)}\n`);
  renameSync(next, file);
}

/** Removes the runtime file if `pid` holds it (never another process's). */
export function releaseRuntime(file = RUNTIME_FILE, pid = process.pid): void {
  if (readRuntime(file)?.pid === pid) rmSync(file, { force: true });
}

/** The DynamoDB a local command uses, with the prefix of its tables. */
export interface LocalDynamo {
  endpoint: string;
  tablePrefix: string;
}

export const NO_DYNAMODB =
  "No DynamoDB to use: start the local one with `npm start`, or run this inside `npx sst shell --stage NAME` for a " +
  "deployed stage.";

/**
 * `DYNAMODB_ENDPOINT` if set, else the DynamoDB Local of the `npm start` running now. Throws a message to show as it
 * is when there is none: `missing` when there is no runtime file or a stale one (its process is gone), another when
 * `npm start` is still starting.
 */
export function localDynamo(
  missing = NO_DYNAMODB,
  env: NodeJS.ProcessEnv = process.env,
  file = RUNTIME_FILE,
): LocalDynamo {
  const tablePrefix = env.TABLE_PREFIX;
  if (env.DYNAMODB_ENDPOINT) return { endpoint: env.DYNAMODB_ENDPOINT, tablePrefix: tablePrefix ?? "local" };
  const runtime = readRuntime(file);
  if (!runtime || !isAlive(runtime.pid)) throw new Error(missing);
  if (!runtime.endpoint)
    throw new Error(`\`npm start\` (pid ${runtime.pid}) is still starting: run this again when it says Ready.`);
  return { endpoint: runtime.endpoint, tablePrefix: tablePrefix ?? runtime.tablePrefix ?? "local" };
}
