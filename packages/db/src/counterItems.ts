import type { Db } from "./context";
import { currentShape } from "./shapes";

/**
 * The counter items of a seller's partition in the Sellers table: a day of statistics
 * (`STATS#<day>`, stats.ts) and the overview (`OVERVIEW`, overview.ts). Both are changed only by
 * `ADD`, by the change they count and by a maintenance repair alike, so that neither can undo the
 * other: this is the one builder of that `ADD`.
 */
export type CounterKind = "sellerDay" | "sellerOverview";

/** Counter deltas to add, none of them 0 (an `ADD` of 0 would still count as a change). */
export type CounterEntries = readonly (readonly [counter: string, delta: number])[];

/**
 * The one `ADD` of counter deltas to a counter item, for a change and for a repair alike: sets the
 * item's identifying attributes (`set`), stamps the shape only on a new item (npm run migrate
 * upgrades older ones) and adds 1 to `version`, which counts the changes applied, so a repair
 * (`atVersion`) lands only on the version it recounted at.
 */
export function addToCounters(
  db: Db,
  args: { kind: CounterKind; key: { pk: string; sk: string }; set: Record<string, string>; entries: CounterEntries },
) {
  const set = Object.entries(args.set);
  return {
    TableName: db.tables.Sellers,
    Key: args.key,
    UpdateExpression:
      `SET ${set.map((_, i) => `#s${i} = :s${i}, `).join("")}#shape = if_not_exists(#shape, :shape) ` +
      `ADD #version :one${args.entries.map((_, i) => `, #c${i} :v${i}`).join("")}`,
    ExpressionAttributeNames: {
      "#shape": "shape",
      "#version": "version",
      ...Object.fromEntries(set.map(([name], i) => [`#s${i}`, name])),
      ...Object.fromEntries(args.entries.map(([c], i) => [`#c${i}`, c])),
    } as Record<string, string>,
    ExpressionAttributeValues: {
      ":shape": currentShape(args.kind),
      ":one": 1,
      ...Object.fromEntries(set.map(([, value], i) => [`:s${i}`, value])),
      ...Object.fromEntries(args.entries.map(([, v], i) => [`:v${i}`, v])),
    } as Record<string, unknown>,
  };
}

/**
 * The `ADD` of a repair: only while the item is still at the `version` the repair read (0: an item
 * no change has counted yet, or none at all). A change that landed after that read moved the version,
 * so the write fails its condition (`isConditionFailed`) instead of undoing that change.
 */
export function atVersion(add: ReturnType<typeof addToCounters>, version: number) {
  return {
    ...add,
    ConditionExpression: version === 0 ? "attribute_not_exists(#version)" : "#version = :version",
    ExpressionAttributeValues: { ...add.ExpressionAttributeValues, ...(version !== 0 && { ":version": version }) },
  };
}

/** A counter item's `version` as a repair reads it: 0 when no change has counted on it yet. */
export const versionOf = (item: Record<string, unknown> | undefined): number =>
  typeof item?.version === "number" ? item.version : 0;
