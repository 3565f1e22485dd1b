import {
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
  type NativeAttributeValue,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { createHash } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import {
  currentShape,
  isConditionFailed,
  kindOf,
  MIGRATION_PROGRESS_PREFIX,
  MIGRATIONS,
  shapeOf,
  stamped,
  TABLE_NAMES,
  tableSpecs,
  upgraded,
  type Db,
  type ItemKind,
  type TableName,
} from "@seller-ops/db";
// A maintenance tool's check, not the service's: by path, so no function bundle carries it.
import { READ_CHECKED_KINDS, unreadableReason } from "../packages/db/src/readers";
import { commandArgs, maintenanceDatabase, runWhenCalled } from "../packages/local/src/maintenance";

/**
 * `npm run migrate [-- --dry-run] [--table Orders]`: brings every stored item of a stage to the
 * current shape of its kind, with the steps registered in `packages/db/src/migrations.ts`
 * (docs/changing-stored-data.md). A maintenance tool, so it may Scan.
 *
 * - Idempotent: an item already at its current shape is not written; a second run writes nothing.
 * - Safe beside live traffic: each upgrade is a conditional update of only what the steps changed, on the
 *   item still having every attribute as read, so a request that changed the item meanwhile wins and the item
 *   is read again, and an attribute a request added is never erased.
 * - Resumable: after every page the Scan position is recorded in the Idempotency table
 *   (`MIGRATE#<table>`); a run that stopped continues from the last recorded page. A new pass
 *   starts when the last one finished or the registry changed. The record also keeps what the pass left
 *   behind on the pages already done: the keys of the items that kept changing (up to LEFT_BEHIND_KEPT, the rest
 *   counted), the count of unknown items and of unreadable ones (with those named). A resumed run revisits those keys
 *   first and reports the whole pass, so it exits 0 only when no item of the pass is still behind or unreadable.
 * - `--restart` begins a new pass even when one is unfinished: after a rollback, whose release may have rewritten
 *   items of pages the pass already did at their old shape, a resumed pass would not read those pages again.
 * - One run per table at a time: each progress record is written only over the one the run read or wrote last. A
 *   second run of the same stage at once stops at its next page with an error (the first goes on); run it again
 *   once the other is done. Without this, the two would overwrite each other's record, and with it the keys of the
 *   items the other left behind.
 * - `--dry-run` reads everything, writes nothing (not even progress), and reports what it would do.
 * - Either way, every item of a kind the service parses (`READ_CHECKED_KINDS`) is read as the service reads it, at the
 *   current shape: an item it refuses (a hand edit, a value an old bug wrote) fails the pages and job batches that
 *   read it, so the report names it (`unreadable`, the first UNREADABLE_LISTED of a table with the reason) and the
 *   command exits 1. Migrate leaves such an item as it is (not upgraded): an operator mends it, and a later run
 *   upgrades it. A resumed run reports those of the whole pass; an item mended meanwhile on a page an earlier run
 *   read is still named until the next pass (`--dry-run` reads every page again). A pass recorded under other read
 *   checks (a release that checked fewer kinds, or kept no unreadable items) is not resumed: a new pass reads all.
 */

export interface MigrateOptions {
  tables?: readonly TableName[];
  dryRun?: boolean;
  /** Items per Scan page (and per progress record). */
  pageSize?: number;
  /** Recorded in the progress items. */
  now?: () => string;
  /** Called (and awaited) after each page is recorded; a test throws here to play an interrupted run. */
  afterPage?: (table: TableName, pagesDone: number) => void | Promise<void>;
  /** How many keys of items left behind the progress record keeps (LEFT_BEHIND_KEPT); a test lowers it. */
  leftBehindKept?: number;
  /** Begin a new pass even when the recorded one is unfinished (`--restart`). */
  restart?: boolean;
}

export interface TableReport {
  table: TableName;
  /** True when this run continued a pass an earlier run left unfinished. */
  resumed: boolean;
  scanned: number;
  /** Items written (or, in a dry run, that would be) per kind. */
  migrated: Partial<Record<ItemKind, number>>;
  /** Items already at their current shape. */
  current: number;
  /**
   * Items no repository writes (their keys match no kind): left alone, reported. In a resumed run, those of the
   * whole pass, the pages an earlier run did included. The first UNREADABLE_LISTED of them are named by their keys
   * (`unknownListed`), for the operator to look at: the run exits 1 while there are any.
   */
  unknown: number;
  unknownListed: Key[];
  /**
   * Items that kept changing under live traffic: left for the next run. In a resumed run, those of the whole
   * pass: what this run left behind, and what an earlier run of the pass left behind that is still behind.
   */
  conflicts: number;
  /**
   * Items the service cannot read at the current shape (`unreadableReason`), and the first UNREADABLE_LISTED of them:
   * the item's key and why. In a resumed run, those of the whole pass, the pages an earlier run read included.
   */
  unreadable: number;
  unreadableListed: { key: Record<string, NativeAttributeValue>; reason: string }[];
}

const PAGE_SIZE = 100;
/** Unreadable (and unknown) items a table's report names; the rest are counted. */
const UNREADABLE_LISTED = 20;
const CONFLICT_RETRIES = 3;
/** Keys of left-behind items a progress record keeps (a key is ~100 bytes; an item holds at most 400 KB). */
const LEFT_BEHIND_KEPT = 1000;

/** Changes when a step is added, so a pass recorded under an older registry is not resumed. */
export const registryFingerprint = createHash("sha256")
  .update(MIGRATIONS.map((s) => `${s.name}:${s.kind}:${s.from}>${s.to}`).join("\n"))
  .digest("hex")
  .slice(0, 16);

export async function migrate(db: Db, options: MigrateOptions = {}): Promise<TableReport[]> {
  const reports: TableReport[] = [];
  for (const table of options.tables ?? TABLE_NAMES) reports.push(await migrateTable(db, table, options));
  return reports;
}

type Key = Record<string, NativeAttributeValue>;

/**
 * The kinds a pass checks for unreadable items, as its progress record keeps them: a pass recorded under other checks
 * (a release that checked fewer kinds, or kept no unreadable items) left pages unchecked, so it is not resumed.
 */
const readChecks = [...READ_CHECKED_KINDS].sort().join(",");

interface Progress {
  pass: string;
  registry: string;
  /** `readChecks` when the pass began; absent in records of releases that kept no unreadable items. */
  readChecks: string | null;
  finished: boolean;
  startKey?: Key;
  pages: number;
  /** The keys of the items the pass left behind (conflicts) on the pages recorded, up to `leftBehindKept`. */
  leftBehind: Key[];
  /** Items the pass left behind beyond those keys: not revisited, counted until the pass ends. */
  leftBehindNotKept: number;
  /** Unknown items on the pages recorded, and the first UNREADABLE_LISTED of their keys. */
  unknown: number;
  unknownListed: Key[];
  /** Unreadable items on the pages recorded, and the first UNREADABLE_LISTED of them (the report's). */
  unreadable: number;
  unreadableListed: TableReport["unreadableListed"];
}

const progressKey = (table: TableName) => ({ pk: `${MIGRATION_PROGRESS_PREFIX}${table}` });

async function migrateTable(db: Db, table: TableName, options: MigrateOptions): Promise<TableReport> {
  const now = options.now ?? (() => new Date().toISOString());
  const kept = options.leftBehindKept ?? LEFT_BEHIND_KEPT;
  const report: TableReport = {
    table,
    resumed: false,
    scanned: 0,
    migrated: {},
    current: 0,
    unknown: 0,
    unknownListed: [],
    conflicts: 0,
    unreadable: 0,
    unreadableListed: [],
  };
  const recorded = options.dryRun ? null : await readProgress(db, table);
  let progress: Progress;
  const leftBehind: Key[] = [];
  let notKept = 0;
  const leaveBehind = (key: Key) => {
    if (leftBehind.length < kept) leftBehind.push(key);
    else notKept++;
  };
  const migrated = (kind: ItemKind) => {
    report.migrated[kind] = (report.migrated[kind] ?? 0) + 1;
  };
  // A pass recorded under other read checks is not resumed: the pages it read were not checked for every kind checked
  // now, and the run could exit 0 with an unreadable item on them. A new pass reads every page.
  const resumable =
    recorded &&
    !options.restart &&
    !recorded.finished &&
    recorded.registry === registryFingerprint &&
    recorded.readChecks === readChecks;
  // The record as this run last saw it: the next progress write replaces only that (`writeProgress`).
  let lastRecorded: RecordedAs = recorded ? { pass: recorded.pass, pages: recorded.pages } : null;
  if (recorded && resumable) {
    progress = recorded;
    report.resumed = true;
    // What the pages already done left behind: unknown items are reported again, and the items that kept changing
    // are read again and upgraded now (those the record could not keep are reported: the next pass takes them).
    report.unknown = recorded.unknown;
    report.unknownListed = [...recorded.unknownListed];
    report.unreadable = recorded.unreadable;
    report.unreadableListed = [...recorded.unreadableListed];
    notKept = recorded.leftBehindNotKept;
    for (const key of recorded.leftBehind) {
      const outcome = await revisit(db, table, key, report);
      if (outcome === "conflict") leaveBehind(key);
      else if (outcome !== "current" && outcome !== "unreadable") migrated(outcome);
    }
  } else {
    progress = {
      pass: now(),
      registry: registryFingerprint,
      readChecks,
      finished: false,
      pages: 0,
      leftBehind: [],
      ...NONE,
    };
  }

  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.tables[table],
        ExclusiveStartKey: progress.startKey,
        Limit: options.pageSize ?? PAGE_SIZE,
        ConsistentRead: true,
      }),
    );
    for (const item of page.Items ?? []) {
      report.scanned++;
      const kind = kindOf(table, item);
      if (!kind) {
        report.unknown++;
        if (report.unknownListed.length < UNREADABLE_LISTED) report.unknownListed.push(keyOf(table, item));
        continue;
      }
      // Left as it is: an upgrade step may parse it too (and throw), and the operator mends it from what is stored.
      if (isUnreadable(report, table, kind, item)) continue;
      if (shapeOf(item) >= currentShape(kind)) {
        report.current++;
        continue;
      }
      const written = options.dryRun ? true : await upgradeItem(db, table, kind, item);
      if (written) migrated(kind);
      else leaveBehind(keyOf(table, item));
    }
    progress = {
      ...progress,
      startKey: page.LastEvaluatedKey,
      pages: progress.pages + 1,
      leftBehind: [...leftBehind],
      leftBehindNotKept: notKept,
      unknown: report.unknown,
      unknownListed: report.unknownListed,
      unreadable: report.unreadable,
      unreadableListed: report.unreadableListed,
    };
    if (!options.dryRun) {
      progress.finished = !page.LastEvaluatedKey;
      await writeProgress(db, table, progress, now(), lastRecorded);
      lastRecorded = { pass: progress.pass, pages: progress.pages };
      await options.afterPage?.(table, progress.pages);
    }
  } while (progress.startKey);
  report.conflicts = leftBehind.length + notKept;
  return report;
}

const NONE = { leftBehindNotKept: 0, unknown: 0, unknownListed: [], unreadable: 0, unreadableListed: [] };

/** Whether the service refuses the item; if so it is counted in the report, and named while fewer are listed. */
function isUnreadable(report: TableReport, table: TableName, kind: ItemKind, item: Key): boolean {
  const reason = unreadableReason(kind, item);
  if (reason === null) return false;
  report.unreadable++;
  if (report.unreadableListed.length < UNREADABLE_LISTED)
    report.unreadableListed.push({ key: namedKey(table, kind, item), reason: reason.slice(0, 500) });
  return true;
}

/**
 * An item an earlier run of the pass left behind, read again and upgraded: the kind it was upgraded as, "current"
 * (a request rewrote it in the current shape, or deleted it), "conflict" (it still keeps changing), or "unreadable"
 * (the service refuses it now: counted and named in the report, left as it is).
 */
async function revisit(
  db: Db,
  table: TableName,
  key: Key,
  report: TableReport,
): Promise<ItemKind | "current" | "conflict" | "unreadable"> {
  const item = (await db.doc.send(new GetCommand({ TableName: db.tables[table], Key: key, ConsistentRead: true })))
    .Item;
  const kind = item ? kindOf(table, item) : null;
  if (!item || !kind) return "current";
  // Changed since it was left behind: by a request, or by hand.
  if (isUnreadable(report, table, kind, item)) return "unreadable";
  if (shapeOf(item) >= currentShape(kind)) return "current";
  return (await upgradeItem(db, table, kind, item)) ? kind : "conflict";
}

/** How the report names an item: its key; an API key by its key id, as its key is derived from the secret. */
function namedKey(table: TableName, kind: ItemKind, item: Record<string, NativeAttributeValue>): Key {
  return kind === "apiKey" ? { keyId: item.keyId } : keyOf(table, item);
}

/** An item's primary key, from its table's spec: the attributes an update addresses and must leave alone. */
function keyOf(table: TableName, item: Record<string, NativeAttributeValue>): Record<string, NativeAttributeValue> {
  const { hashKey, rangeKey } = tableSpecs[table].primaryIndex;
  return { [hashKey]: item[hashKey], ...(rangeKey ? { [rangeKey]: item[rangeKey] } : {}) };
}

/**
 * The upgrade of the item as read, as one UpdateItem that changes only what the steps changed: SET the attributes
 * they added or changed, REMOVE those they dropped. Not a Put of the whole item: a request that ADDED an attribute
 * meanwhile (a revocation's `revokedAt`, a counter no change had counted yet) leaves every attribute migrate read
 * equal, so a Put under the condition below would erase it; an update never touches what it does not write.
 * The condition: every attribute read is still equal, and every attribute the update adds is still absent (a
 * seller's language change SETs `language` and `version`, which the step also adds with its defaults). When it
 * fails, a request changed the item meanwhile: it wins, and the item is read again and upgraded from there.
 */
function upgradeUpdate(
  table: TableName,
  kind: ItemKind,
  read: Record<string, NativeAttributeValue>,
): Omit<UpdateCommandInput, "TableName"> {
  const key = keyOf(table, read);
  // An attribute a step left `undefined` is not stored (the client drops undefined values): the update removes it.
  const up = Object.fromEntries(Object.entries(upgraded(kind, read)).filter(([, value]) => value !== undefined));
  // `#aN` names attribute N in the condition and the update alike; `:wasN` is its value as read, `:upN` the new one.
  const placeholders = new Map<string, number>();
  const placeholder = (attribute: string) => {
    if (!placeholders.has(attribute)) placeholders.set(attribute, placeholders.size);
    return placeholders.get(attribute)!;
  };
  const values: Record<string, NativeAttributeValue> = {};
  const conditions: string[] = [];
  const sets: string[] = [];
  const removes: string[] = [];
  for (const [attribute, value] of Object.entries(read)) {
    const n = placeholder(attribute);
    values[`:was${n}`] = value;
    conditions.push(`#a${n} = :was${n}`);
    if (!(attribute in up)) removes.push(`#a${n}`);
  }
  for (const [attribute, value] of Object.entries(up)) {
    if (attribute in read && isDeepStrictEqual(read[attribute], value)) continue;
    // A step never changes keys (migrations.ts); DynamoDB would refuse the update, less clearly.
    if (attribute in key) throw new Error(`A step for ${kind} changed the key attribute ${attribute}.`);
    const n = placeholder(attribute);
    values[`:up${n}`] = value;
    sets.push(`#a${n} = :up${n}`);
    if (!(attribute in read)) conditions.push(`attribute_not_exists(#a${n})`);
  }
  // `shape` is always SET (the upgrade raises it), so the update is never empty.
  return {
    Key: key,
    UpdateExpression: `SET ${sets.join(", ")}${removes.length > 0 ? ` REMOVE ${removes.join(", ")}` : ""}`,
    ConditionExpression: conditions.join(" AND "),
    ExpressionAttributeNames: Object.fromEntries([...placeholders].map(([attribute, n]) => [`#a${n}`, attribute])),
    ExpressionAttributeValues: values,
  };
}

/**
 * Writes the upgrade (`upgradeUpdate`) only if the stored item still has every attribute as read; when a request
 * changed it meanwhile, reads it again and retries. False when it kept changing: the next run picks it up.
 */
async function upgradeItem(
  db: Db,
  table: TableName,
  kind: ItemKind,
  read: Record<string, NativeAttributeValue>,
): Promise<boolean> {
  let item: Record<string, NativeAttributeValue> | undefined = read;
  for (let attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
    if (!item) return true; // deleted meanwhile (an expired idempotency record): nothing to upgrade
    if (shapeOf(item) >= currentShape(kind)) return true; // a request rewrote it in the current shape
    try {
      await db.doc.send(new UpdateCommand({ TableName: db.tables[table], ...upgradeUpdate(table, kind, item) }));
      return true;
    } catch (error) {
      // A transaction of the service was writing the item at that moment (a day's counters, a case): DynamoDB
      // refuses the update with TransactionConflictException. The client tries 3 times (db/src/client.ts); a hot
      // item can outlast them, and then, like a changed item, it is read again and retried.
      const conflict = (error as Error).name === "TransactionConflictException";
      if (!isConditionFailed(error) && !conflict) throw error;
      // The transaction holds the item for a moment: wait a little (and differently from other writers) first.
      if (conflict) await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * (attempt + 1)));
    }
    const key = keyOf(table, read);
    item = (await db.doc.send(new GetCommand({ TableName: db.tables[table], Key: key, ConsistentRead: true }))).Item;
  }
  return false;
}

async function readProgress(db: Db, table: TableName): Promise<Progress | null> {
  const item = (
    await db.doc.send(
      new GetCommand({ TableName: db.tables.Idempotency, Key: progressKey(table), ConsistentRead: true }),
    )
  ).Item;
  if (!item) return null;
  const raw = upgraded("migrationProgress", item);
  return {
    pass: String(raw.pass),
    registry: String(raw.registry),
    finished: raw.finished === true,
    startKey: raw.startKey as Progress["startKey"],
    pages: Number(raw.pages ?? 0),
    // Absent in a record of a pass that began before they were kept: nothing known left behind.
    leftBehind: Array.isArray(raw.leftBehind) ? (raw.leftBehind as Key[]) : [],
    leftBehindNotKept: Number(raw.leftBehindNotKept ?? 0),
    unknown: Number(raw.unknown ?? 0),
    // Absent in a record of a pass that began before they were named: the count alone, as then.
    unknownListed: Array.isArray(raw.unknownListed) ? (raw.unknownListed as Key[]) : [],
    readChecks: typeof raw.readChecks === "string" ? raw.readChecks : null,
    unreadable: Number(raw.unreadable ?? 0),
    unreadableListed: Array.isArray(raw.unreadableListed) ? (raw.unreadableListed as Progress["unreadableListed"]) : [],
  };
}

/** Which progress record a run read or wrote last (its pass and pages), or null when there was none. */
type RecordedAs = { pass: string; pages: number } | null;

/** Thrown when another run of migrate recorded progress of the same table since this run read or wrote it. */
export class AnotherRunRecorded extends Error {
  constructor(table: TableName) {
    super(
      `Another run of migrate recorded progress of ${table} meanwhile: two runs of one stage at once. ` +
        "Let the other finish, then run again.",
    );
    this.name = "AnotherRunRecorded";
  }
}

async function writeProgress(
  db: Db,
  table: TableName,
  progress: Progress,
  at: string,
  replacing: RecordedAs,
): Promise<void> {
  try {
    // No `expiresAtEpoch`: the table's TTL never removes a progress record.
    await db.doc.send(
      new PutCommand({
        TableName: db.tables.Idempotency,
        Item: stamped("migrationProgress", { ...progressKey(table), ...progress, updatedAt: at }),
        ...(replacing
          ? {
              ConditionExpression: "#pass = :pass AND #pages = :pages",
              ExpressionAttributeNames: { "#pass": "pass", "#pages": "pages" },
              ExpressionAttributeValues: { ":pass": replacing.pass, ":pages": replacing.pages },
            }
          : { ConditionExpression: "attribute_not_exists(pk)" }),
      }),
    );
  } catch (error) {
    if (isConditionFailed(error)) throw new AnotherRunRecorded(table);
    throw error;
  }
}

export function formatReport(reports: readonly TableReport[], dryRun: boolean): string {
  return reports
    .map((r) => {
      const migrated =
        Object.entries(r.migrated)
          .map(([kind, n]) => `${kind} ${n}`)
          .join(", ") || "none";
      const line =
        `${r.table}: scanned ${r.scanned}, ${dryRun ? "would migrate" : "migrated"} ${migrated}, current ` +
        `${r.current}, unknown ${r.unknown}, conflicts ${r.conflicts}${r.resumed ? " (resumed)" : ""}`;
      // Its attributes in name order (a progress record's map keeps none): `pk` before `sk`.
      const named = (key: Key) => JSON.stringify(Object.fromEntries(Object.entries(key).sort()));
      const unknown = r.unknownListed.map((key) => `  unknown ${named(key)}: no repository writes this key`);
      const moreUnknown = r.unknown - r.unknownListed.length;
      if (moreUnknown > 0) unknown.push(`  and ${moreUnknown} more unknown`);
      if (r.unreadable === 0) return [line, ...unknown].join("\n");
      const listed = r.unreadableListed.map((u) => `  unreadable ${JSON.stringify(u.key)}: ${u.reason}`);
      const more = r.unreadable - r.unreadableListed.length;
      return [
        `${line}, unreadable ${r.unreadable}`,
        ...unknown,
        ...listed,
        ...(more > 0 ? [`  and ${more} more unreadable (mend these and run again to list them)`] : []),
      ].join("\n");
    })
    .join("\n");
}

async function main() {
  const { values } = commandArgs("Usage: npm run migrate [-- [--dry-run] [--restart] [--table NAME]...]", {
    "dry-run": { type: "boolean" },
    restart: { type: "boolean" },
    table: { type: "string", multiple: true },
  });
  const tables = values.table?.map((t) => {
    if (!(TABLE_NAMES as readonly string[]).includes(t))
      throw new Error(`Unknown table ${t}: one of ${TABLE_NAMES.join(", ")}.`);
    return t as TableName;
  });
  const dryRun = values["dry-run"] === true;
  const db = maintenanceDatabase(undefined, undefined, undefined, tables ?? TABLE_NAMES);
  const reports = await migrate(db, { tables, dryRun, restart: values.restart === true });
  process.stdout.write(`${formatReport(reports, dryRun)}\n`);
  if (reports.some((r) => r.conflicts > 0 || r.unknown > 0)) {
    process.stderr.write(
      "Some items were not migrated (conflicts: run again; unknown: items no repository writes, look at them).\n",
    );
    process.exitCode = 1;
  }
  if (reports.some((r) => r.unreadable > 0)) {
    process.stderr.write(
      "Some items cannot be read by the service: every page or job batch that reads one fails until it is mended " +
        '(docs/running-it.md, "A stored item the service cannot read").\n',
    );
    process.exitCode = 1;
  }
}

runWhenCalled(import.meta.url, main);
