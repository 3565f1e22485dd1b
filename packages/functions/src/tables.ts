import type { TableName } from "@seller-ops/db";

/**
 * The tables each deployed function uses: `stacks/wiring.ts` links exactly these (IAM access and
 * the table's name), and each handler requires exactly these links at start. One list, so a
 * function can never need a table it is not linked to.
 */
export const functionTables = {
  graphql: ["Sellers", "Orders", "Cases", "Deposits", "ApiKeys", "Idempotency", "WebhookEndpoints"],
  // Orders to check, the late-shipment cases it opens, the sellers' daily counters.
  lateOrders: ["Orders", "Cases", "Sellers"],
  retention: ["Cases", "Deposits"],
  caseDeadlines: ["Cases"],
} as const satisfies Record<string, readonly TableName[]>;
