import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { Cases, type Case } from "@seller-ops/core";
import type { Db } from "./context";
import type { TransactItem } from "./transact";

/**
 * Cases and their timelines as one item collection in the Cases table: the case at
 * `CASE#<id>` / `CASE`, each timeline event at `CASE#<id>` / `EVENT#<at>#<eventId>`. Events carry
 * none of the attributes the case indexes use, so they never appear in them.
 */
export const caseKey = (id: string) => ({ pk: `CASE#${id}`, sk: "CASE" });
export const eventKey = (event: Cases.TimelineEvent) => ({ pk: `CASE#${event.caseId}`, sk: `EVENT#${event.at}#${event.eventId}` });

export function caseFromItem(raw: Record<string, unknown>): Case {
  return Cases.Info.parse(raw);
}

export async function getCase(db: Db, id: string): Promise<Case | null> {
  const result = await db.doc.send(new GetCommand({ TableName: db.tables.Cases, Key: caseKey(id) }));
  return result.Item ? caseFromItem(result.Item) : null;
}

/** Writes that open a case with its first timeline event; both only if absent (one case per derived id). */
export function openCaseWrites(db: Db, opened: { case: Case; event: Cases.TimelineEvent }): TransactItem[] {
  return [
    { Put: { TableName: db.tables.Cases, Item: { ...caseKey(opened.case.id), ...opened.case }, ConditionExpression: "attribute_not_exists(pk)" } },
    {
      Put: {
        TableName: db.tables.Cases,
        Item: { ...eventKey(opened.event), entity: "EVENT", ...opened.event },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
  ];
}

/** The cases of one order, oldest first (index `casesByOrderOpenedAt`). */
export async function casesOfOrder(db: Db, orderId: string): Promise<Case[]> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tables.Cases,
      IndexName: "casesByOrderOpenedAt",
      KeyConditionExpression: "orderId = :orderId",
      ExpressionAttributeValues: { ":orderId": orderId },
      Limit: 50,
    }),
  );
  return (result.Items ?? []).map(caseFromItem);
}
