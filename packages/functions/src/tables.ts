import type { SecretName } from "@seller-ops/api/src/config";
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

/**
 * The secrets each deployed function reads: `stacks/wiring.ts` links exactly these, and each handler requires exactly
 * these at start (`loadConfig`); reading another is an error naming it. A job that holds no key cannot leak one: the
 * scheduled jobs sign no cursor and open no sealed webhook secret, and only the GraphQL API signs cursors.
 */
export const functionSecrets = {
  // Cursors are signed; registering an endpoint or rotating its secret seals it.
  graphql: ["CursorSecret", "WebhookSecretKey"],
  lateOrders: [],
  retention: [],
  caseDeadlines: [],
  // Each delivery is signed with its endpoint's secret, unsealed with the key.
  webhookDispatch: ["WebhookSecretKey"],
  webhookRetries: ["WebhookSecretKey"],
} as const satisfies Record<keyof typeof functionTables, readonly SecretName[]>;

/** A deployed function, by the name `stacks/wiring.ts` gives it. */
export type FunctionLinked = keyof typeof functionTables;
