import { createHash } from "node:crypto";
import { QueryCommand, UpdateCommand, type NativeAttributeValue } from "@aws-sdk/lib-dynamodb";
import { Evidence, Time } from "@seller-ops/core";
import type { Db } from "./context";
import { landed } from "./transact";

/**
 * Retention of personal data: buyer message bodies on case timelines, the evidence references
 * of deposit refund applications and of cases are kept for a configured period, then redacted by
 * the retention job — the timeline event, the application and the case stay (their shape, times
 * and summaries), only the text goes. Items still holding such data carry `redactShard` /
 * `redactAfter`, a sparse, write-sharded index per table, so the job reads only what is due. A
 * case is scheduled for its earliest evidence still kept (`packages/db/src/cases.ts`); its
 * redaction is `CasesRepo.redactDueEvidence`.
 */

export interface RetentionRules {
  messageBodyMs: number;
  evidenceMs: number;
  shards: number;
}

/**
 * The retention policy (365 days for message bodies, 730 for evidence references, a deposit's or
 * a case's) and the shard
 * count of the redaction index. Kept in code: the policy is reviewed like code, and the shard
 * count is fixed for the life of a stage.
 */
export const defaultRetentionRules: RetentionRules = {
  messageBodyMs: 365 * Time.DAY_MS,
  evidenceMs: 730 * Time.DAY_MS,
  shards: 4,
};

export const REDACTED = Evidence.REDACTED;

function shardOf(key: string, shards: number): string {
  return `REDACT#${createHash("sha256").update(key).digest().readUInt32BE(0) % shards}`;
}

/** The index attributes that schedule an item's redaction, `retainMs` after `at`. */
export function redactionKeys(
  itemKey: string,
  at: string,
  retainMs: number,
  rules: RetentionRules = defaultRetentionRules,
): Record<string, NativeAttributeValue> {
  return { redactShard: shardOf(itemKey, rules.shards), redactAfter: Time.addMs(at, retainMs) };
}

export type RetainedTable = "Cases" | "Deposits";

/** One page of items due for redaction in one shard of a table. */
export async function dueForRedaction(
  db: Db,
  args: { table: RetainedTable; shard: number; now: string; startKey?: Record<string, unknown>; limit: number },
): Promise<{ items: Record<string, unknown>[]; nextKey: Record<string, unknown> | undefined }> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tables[args.table],
      IndexName: args.table === "Cases" ? "messageBodiesByRedactAfter" : "evidenceByRedactAfter",
      KeyConditionExpression: "redactShard = :shard AND redactAfter <= :now",
      ExpressionAttributeValues: { ":shard": `REDACT#${args.shard}`, ":now": args.now },
      ExclusiveStartKey: args.startKey,
      Limit: args.limit,
    }),
  );
  return { items: result.Items ?? [], nextKey: result.LastEvaluatedKey };
}

/**
 * Redacts one item: a timeline message loses its body, an application its documents' references.
 * Conditional on the item still being scheduled, so a rerun redacts nothing twice. An application's version
 * moves, as a case's does when its evidence is redacted: a decision that read the application before would
 * otherwise write it back whole, references and all, under the version it read.
 */
export async function redact(
  db: Db,
  table: RetainedTable,
  item: Record<string, unknown>,
  now: string,
): Promise<boolean> {
  const key = { pk: item.pk, sk: item.sk };
  const update =
    table === "Cases"
      ? {
          UpdateExpression: "SET body = :null, redactedAt = :now REMOVE redactShard, redactAfter",
          ExpressionAttributeValues: { ":null": null, ":now": now } as Record<string, NativeAttributeValue>,
          ConditionExpression: "attribute_exists(redactShard)",
        }
      : {
          UpdateExpression:
            "SET documents = :documents, evidenceRedactedAt = :now, updatedAt = :now, #version = #version + :one " +
            "REMOVE redactShard, redactAfter",
          ExpressionAttributeNames: { "#version": "version" } as Record<string, string>,
          ExpressionAttributeValues: {
            ":documents": ((item.documents as Record<string, unknown>[] | undefined) ?? []).map((d) => ({
              ...d,
              reference: REDACTED,
            })),
            ":now": now,
            ":one": 1,
            ":read": item.version,
          } as Record<string, NativeAttributeValue>,
          // The documents written are the index's copy of them: only onto the application at that copy's version, so
          // a copy the index has not caught up with (or one changed since) never writes an older list back. It stays
          // scheduled, and the next run reads the newer copy.
          ConditionExpression: "attribute_exists(redactShard) AND #version = :read",
        };
  return landed(
    db.doc.send(
      new UpdateCommand({
        TableName: db.tables[table],
        Key: key,
        ...update,
      }),
    ),
  );
}
