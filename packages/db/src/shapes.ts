import type { NativeAttributeValue } from "@aws-sdk/lib-dynamodb";
import { MIGRATIONS, type MigrationStep } from "./migrations";
import type { TableName } from "./specs";

/**
 * Stored items carry the version of their shape in one attribute, `shape`, so that stored data
 * survives every change (docs/changing-stored-data.md). Each kind of item has its own version:
 * every repository write stamps the current one, every read upgrades an older item in memory
 * with the same steps `npm run migrate` applies to the table, and an item with no `shape` was
 * written before versions existed (version 0).
 */
export const SHAPE_ATTRIBUTE = "shape";

/** Every kind of item the service stores, by table. */
export const ITEM_KINDS = {
  Sellers: ["seller", "sellerDay", "sellerOverview"],
  Orders: ["order", "marketplaceOrderGuard", "refundReferenceGuard"],
  Cases: ["case", "caseEvent"],
  Deposits: ["deposit", "refundApplication", "violation", "depositPaymentGuard", "violationGuard"],
  ApiKeys: ["apiKey"],
  Idempotency: ["idempotencyRecord", "migrationProgress"],
  WebhookEndpoints: ["webhookEndpoint", "webhookScopeCount"],
  Events: ["event"],
  WebhookDeliveries: ["webhookDelivery", "webhookDeliveryLease", "webhookEndpointHealth", "webhookRedeliveryGuard"],
} as const satisfies Record<TableName, readonly string[]>;

export type ItemKind = (typeof ITEM_KINDS)[TableName][number];

/** Which kind an item is, from its keys alone (the keys never change shape); null for an item no repository writes. */
export function kindOf(table: TableName, item: Record<string, unknown>): ItemKind | null {
  const pk = typeof item.pk === "string" ? item.pk : "";
  const sk = typeof item.sk === "string" ? item.sk : "";
  switch (table) {
    case "Sellers":
      if (pk.startsWith("SELLER#") && sk === "PROFILE") return "seller";
      if (pk.startsWith("SELLER#") && sk.startsWith("STATS#")) return "sellerDay";
      if (pk.startsWith("SELLER#") && sk === "OVERVIEW") return "sellerOverview";
      return null;
    case "Orders":
      if (pk.startsWith("ORDER#") && sk === "ORDER") return "order";
      if (pk.startsWith("MARKETPLACE_ORDER#") && sk === "GUARD") return "marketplaceOrderGuard";
      if (pk.startsWith("ORDER_REFUND#") && sk === "GUARD") return "refundReferenceGuard";
      return null;
    case "Cases":
      if (pk.startsWith("CASE#") && sk === "CASE") return "case";
      if (pk.startsWith("CASE#") && sk.startsWith("EVENT#")) return "caseEvent";
      return null;
    case "Deposits":
      if (pk.startsWith("DEPOSIT#") && sk === "DEPOSIT") return "deposit";
      if (pk.startsWith("DEPOSIT#") && sk.startsWith("APPLICATION#")) return "refundApplication";
      if (pk.startsWith("SELLER#") && sk.startsWith("VIOLATION#")) return "violation";
      if (pk.startsWith("DEPOSIT_PAYMENT#") && sk === "GUARD") return "depositPaymentGuard";
      if (pk.startsWith("DEPOSIT_VIOLATION#") && sk === "GUARD") return "violationGuard";
      return null;
    case "ApiKeys":
      return typeof item.keyHash === "string" ? "apiKey" : null;
    case "Idempotency":
      if (pk.startsWith(MIGRATION_PROGRESS_PREFIX)) return "migrationProgress";
      return pk ? "idempotencyRecord" : null;
    case "WebhookEndpoints":
      if (pk.startsWith("SCOPE#") && sk.startsWith("ENDPOINT#")) return "webhookEndpoint";
      if (pk.startsWith("SCOPE#") && sk === "COUNT") return "webhookScopeCount";
      return null;
    case "Events":
      return (pk.startsWith("SELLER#") || pk === "OPERATORS") && sk.startsWith("EVENT#") ? "event" : null;
    case "WebhookDeliveries":
      if (pk.startsWith("GROUP#") && sk.startsWith("DELIVERY#")) return "webhookDelivery";
      if (pk.startsWith("GROUP#") && sk === "LEASE") return "webhookDeliveryLease";
      if (pk.startsWith("GROUP#") && sk.startsWith("REDELIVERIES#")) return "webhookRedeliveryGuard";
      if (pk.startsWith("ENDPOINT#") && sk === "HEALTH") return "webhookEndpointHealth";
      return null;
  }
}

/** The Idempotency table also keeps `npm run migrate`'s progress, one record per table, under this key prefix. */
export const MIGRATION_PROGRESS_PREFIX = "MIGRATE#";

/** The steps for one kind of item, in the order they apply. */
export function stepsFor(kind: ItemKind): MigrationStep[] {
  return MIGRATIONS.filter((step) => step.kind === kind);
}

/**
 * The shape every write of this kind stamps: the last step's target (the registry is the one place a version moves).
 */
export function currentShape(kind: ItemKind): number {
  return stepsFor(kind).reduce((version, step) => Math.max(version, step.to), 0);
}

/** An item's stored shape version; 0 for items written before versions existed. */
export function shapeOf(item: Record<string, unknown>): number {
  const value = item[SHAPE_ATTRIBUTE];
  return typeof value === "number" ? value : 0;
}

/** The item with the current shape version of its kind: every repository write goes through this. */
export function stamped<T extends Record<string, NativeAttributeValue>>(
  kind: ItemKind,
  item: T,
): T & { shape: number } {
  return { ...item, [SHAPE_ATTRIBUTE]: currentShape(kind) };
}

/**
 * The item brought to the current shape of its kind by the registered steps, in order, starting
 * from its own version; the item itself when it is current. A newer item (written by a later
 * deploy, read during a rollback) is returned as it is: steps add before they remove, so the
 * older code still finds what it reads (and does not write it back: `guardedPut`).
 */
export function upgraded(kind: ItemKind, item: Record<string, unknown>): Record<string, unknown> {
  let version = shapeOf(item);
  let result = item;
  for (const step of stepsFor(kind)) {
    if (step.from !== version) continue;
    result = { ...step.up(result), [SHAPE_ATTRIBUTE]: step.to };
    version = step.to;
  }
  return result;
}

/**
 * A stored item the code cannot read (a hand edit, a value an old bug wrote, an item of a newer release during a
 * rollback): its kind and key in the message, so the log line of the request or job it failed names the item an
 * operator has to mend (docs/running-it.md). An API key's item is named by its key id: its key is derived from the
 * secret.
 */
export class UnreadableItem extends Error {
  override name = "UnreadableItem";
  constructor(kind: ItemKind, item: Record<string, unknown>, cause: unknown) {
    const named = kind === "apiKey" ? `key id ${String(item.keyId)}` : `${String(item.pk)}/${String(item.sk ?? "")}`;
    super(`Stored ${kind} ${named} (shape ${shapeOf(item)}) cannot be read: ${(cause as Error)?.message}`, { cause });
  }
}

/** `item` brought to its kind's current shape (`upgraded`), parsed by `schema`; one it refuses is `UnreadableItem`. */
export function readItem<T>(kind: ItemKind, schema: { parse(value: unknown): T }, item: Record<string, unknown>): T {
  const current = upgraded(kind, item);
  try {
    return schema.parse(current);
  } catch (error) {
    throw new UnreadableItem(kind, item, error);
  }
}

export type { MigrationStep };

/**
 * A whole-item Put refused because the stored item is of a newer shape than the one this release stamps: a later
 * release wrote it (the deploy still under way, one function updated before another, or a rollback since). Reading
 * such an item works (steps add before they remove), but writing the whole item back would drop what only the newer
 * release knows and move its `shape` back, and the newer release's steps would then fill the dropped facts with
 * their defaults, unseen. The write is refused instead: nothing is written, and the item is named for the log line.
 * An internal error to the caller (a partner tool retries under its key, a job's next run tries again); once every
 * function runs the newer release, the same write lands.
 */
export class NewerItemRefused extends Error {
  override name = "NewerItemRefused";
  constructor(table: string, item: Record<string, unknown>, storedShape: number) {
    super(
      `Stored item ${String(item.pk)}/${String(item.sk ?? "")} in ${table} is of shape ${storedShape}, newer than ` +
        `this release's ${String(item[SHAPE_ATTRIBUTE])}: not written over (docs/changing-stored-data.md, "Rollbacks")`,
    );
  }
}

/** What a whole-item Put carries; its condition is extended by `guardedPut`. */
export interface GuardablePut {
  TableName: string | undefined;
  Item: Record<string, unknown> | undefined;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * The Put, written only over an item of this release's shape or older (`NewerItemRefused`), and returning the stored
 * item when its condition fails, so the failure can say which (`refuseNewer`). Every Put of the next state of an item
 * it read goes through this; an item without a shape (no stamp) is returned as it is.
 */
export function guardedPut<P extends GuardablePut>(put: P): P & { ReturnValuesOnConditionCheckFailure: "ALL_OLD" } {
  const writerShape = put.Item?.[SHAPE_ATTRIBUTE];
  if (typeof writerShape !== "number") return { ...put, ReturnValuesOnConditionCheckFailure: "ALL_OLD" };
  const notNewer = "(attribute_not_exists(#writerShape) OR #writerShape <= :writerShape)";
  return {
    ...put,
    ConditionExpression: put.ConditionExpression ? `(${put.ConditionExpression}) AND ${notNewer}` : notNewer,
    ExpressionAttributeNames: { ...put.ExpressionAttributeNames, "#writerShape": SHAPE_ATTRIBUTE },
    ExpressionAttributeValues: { ...put.ExpressionAttributeValues, ":writerShape": writerShape },
    ReturnValuesOnConditionCheckFailure: "ALL_OLD",
  };
}

/**
 * Throws `NewerItemRefused` when a guarded Put's condition failed on an item of a newer shape: `stored` is the item
 * DynamoDB returned with the failure (attribute values as sent on the wire, `{ N: "5" }`, or already plain).
 */
export function refuseNewer(put: { TableName?: string; Item?: Record<string, unknown> } | undefined, stored: unknown) {
  const writerShape = put?.Item?.[SHAPE_ATTRIBUTE];
  if (typeof writerShape !== "number" || !stored || typeof stored !== "object") return;
  const raw = (stored as Record<string, unknown>)[SHAPE_ATTRIBUTE];
  const storedShape =
    raw && typeof raw === "object" && "N" in raw ? Number(raw.N) : shapeOf(stored as Record<string, unknown>);
  if (storedShape > writerShape) throw new NewerItemRefused(put?.TableName ?? "?", put!.Item!, storedShape);
}
