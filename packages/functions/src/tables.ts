import type { TableName } from "@seller-ops/db";

/**
 * The tables each deployed function uses: `stacks/wiring.ts` links exactly these (the table's name)
 * and allows its DynamoDB actions on exactly these, and each handler requires exactly these links at
 * start. One list, so a function can never need a table it is not linked to.
 */
export const functionTables = {
  // Every mutation records its events in the Events table, in its own transaction.
  // The delivery log and redeliveries read and write WebhookDeliveries.
  graphql: [
    "Sellers",
    "Orders",
    "Cases",
    "Deposits",
    "ApiKeys",
    "Idempotency",
    "WebhookEndpoints",
    "Events",
    "WebhookDeliveries",
  ],
  // Orders to check, the late-shipment cases it opens, the sellers' daily counters, their events.
  lateOrders: ["Orders", "Cases", "Sellers", "Events"],
  // Redaction is upkeep, not news: it records no events.
  retention: ["Cases", "Deposits"],
  // Cases to act on, the orders whose hold for a return it releases, the sellers' time zones, daily counters and
  // overview counters, their events.
  caseDeadlines: ["Cases", "Orders", "Sellers", "Events"],
  // The events it delivers, the endpoints that receive them (and their owners' keys), its queue and log,
  // and the event it writes when it switches an endpoint off.
  webhookDispatch: ["Events", "WebhookEndpoints", "ApiKeys", "WebhookDeliveries"],
  webhookRetries: ["Events", "WebhookEndpoints", "ApiKeys", "WebhookDeliveries"],
} as const satisfies Record<string, readonly TableName[]>;
