import type { TableName } from "@seller-ops/db";

/**
 * The tables each deployed function uses: `stacks/wiring.ts` links exactly these (IAM access and
 * the table's name), and each handler requires exactly these links at start. One list, so a
 * function can never need a table it is not linked to.
 */
export const functionTables = {
  // Every mutation records its events in the Events table, in its own transaction.
  graphql: ["Sellers", "Orders", "Cases", "Deposits", "ApiKeys", "Idempotency", "WebhookEndpoints", "Events"],
  // Orders to check, the late-shipment cases it opens, the sellers' daily counters, their events.
  lateOrders: ["Orders", "Cases", "Sellers", "Events"],
  // Redaction is upkeep, not news: it records no events.
  retention: ["Cases", "Deposits"],
  caseDeadlines: ["Cases", "Events"],
} as const satisfies Record<string, readonly TableName[]>;
