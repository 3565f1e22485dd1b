import { Money } from "@seller-ops/core";
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
 *
 * Each counter it raises must stay within 2^53 − 1 (`Money.MAX_AMOUNT_MINOR`): DynamoDB would add past it exactly,
 * and every read of the item (a seller's risk, health, overview, a deposit's term) would then fail on a
 * number JavaScript cannot hold, until the day left every window. A change that would pass it fails its
 * transaction instead (`isCounterAdd` names the item), and nothing is written.
 */
export function addToCounters(
  db: Db,
  args: {
    kind: CounterKind;
    key: { pk: string; sk: string };
    set: Record<string, string>;
    entries: CounterEntries;
  },
) {
  const set = Object.entries(args.set);
  const raised = args.entries.flatMap(([, v], i) => (v > 0 ? [i] : []));
  const add = {
    ...(raised.length > 0 && {
      ConditionExpression: raised.map((i) => `(attribute_not_exists(#c${i}) OR #c${i} <= :max${i})`).join(" AND "),
    }),
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
      ...Object.fromEntries(raised.map((i) => [`:max${i}`, Money.MAX_AMOUNT_MINOR - args.entries[i]![1]])),
    } as Record<string, unknown>,
  };
  counterAdds.add(add);
  return add;
}

/** The objects `addToCounters` built: what `isCounterAdd` recognises in a cancelled transaction. */
const counterAdds = new WeakSet<object>();

/** Whether a transaction's item is a counter `ADD` (its failed condition: a counter would leave the exact range). */
export function isCounterAdd(item: { Update?: object } | undefined): boolean {
  return item?.Update !== undefined && counterAdds.has(item.Update);
}

/**
 * The `ADD` of a repair: only while the item is still at the `version` the repair read (0: an item
 * no change has counted yet, or none at all). A change that landed after that read moved the version,
 * so the write fails its condition (`isConditionFailed`) instead of undoing that change.
 */
export function atVersion(add: ReturnType<typeof addToCounters>, version: number) {
  const atRead = version === 0 ? "attribute_not_exists(#version)" : "#version = :version";
  return {
    ...add,
    ConditionExpression: add.ConditionExpression ? `${atRead} AND ${add.ConditionExpression}` : atRead,
    ExpressionAttributeValues: { ...add.ExpressionAttributeValues, ...(version !== 0 && { ":version": version }) },
  };
}

/** A counter item's `version` as a repair reads it: 0 when no change has counted on it yet. */
export const versionOf = (item: Record<string, unknown> | undefined): number =>
  typeof item?.version === "number" ? item.version : 0;
