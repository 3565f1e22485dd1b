import { keyFromItem } from "./apiKeys";
import { caseFromItem, eventFromItem } from "./cases";
import { applicationFromItem, depositFromItem, violationFromItem } from "./deposits";
import { fromItem as eventRecordFromItem } from "./events";
import { fromItem as orderFromItem } from "./orders";
import { sellerFromItem } from "./sellers";
import type { ItemKind } from "./shapes";
import { fromItem as deliveryFromItem, redeliveriesOfGuard } from "./webhookDeliveries";
import { fromItem as endpointFromItem } from "./webhookEndpoints";
import { healthOfItem } from "./webhookFailureStreak";
import { leaseOfItem } from "./webhookGroupLease";

/**
 * The reader the service parses each kind of item with, where it parses one with a domain schema: an item one of
 * them refuses fails every page and job batch that reads it (`UnreadableItem`), so `npm run migrate` tries each item
 * with it and names those it refuses before a request meets them. Not checked: the counters (`npm run stats -- rebuild
 * --check` holds them to what they count), the duplicate guards, the idempotency and migrate records.
 */
const READERS: Partial<Record<ItemKind, (raw: Record<string, unknown>) => unknown>> = {
  seller: sellerFromItem,
  order: orderFromItem,
  case: caseFromItem,
  caseEvent: eventFromItem,
  deposit: depositFromItem,
  refundApplication: applicationFromItem,
  violation: violationFromItem,
  apiKey: keyFromItem,
  webhookEndpoint: endpointFromItem,
  event: eventRecordFromItem,
  webhookDelivery: deliveryFromItem,
  webhookDeliveryLease: leaseOfItem,
  webhookEndpointHealth: healthOfItem,
  webhookRedeliveryGuard: redeliveriesOfGuard,
};

/** Kinds whose items `unreadableReason` checks. */
export const READ_CHECKED_KINDS = Object.keys(READERS) as ItemKind[];

/** Why the service cannot read this stored item of `kind` (brought to the current shape first), or null when it can. */
export function unreadableReason(kind: ItemKind, item: Record<string, unknown>): string | null {
  const read = READERS[kind];
  if (!read) return null;
  try {
    read(item);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
