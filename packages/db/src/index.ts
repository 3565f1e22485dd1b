export * as ApiKeys from "./apiKeys";
export * as KeyRevocation from "./keyRevocation";
export * as Idempotency from "./idempotency";
export * as KeyedItems from "./keyedItems";
export * as OrdersRepo from "./orders";
export * as SellersRepo from "./sellers";
export {
  AWS_CALL_MAX_MS,
  AWS_REQUEST_TIMEOUTS,
  clientConfig,
  createDocumentClient,
  LOCAL_REQUEST_TIMEOUTS,
  type ClientOptions,
  type RequestTimeouts,
} from "./client";
export { ensureTables, createTableInput } from "./bootstrap";
export { tableLinkEnv, tablesFromLinks, localTableNames, type TableLink, type TableNames } from "./config";
export type { Db, QueryBudget } from "./context";
export { batchGetItems, type ById, type ItemRead } from "./batch";
export {
  CursorError,
  cursorEncoder,
  decodeCursor,
  encodeCursor,
  stableJson,
  type CursorScope,
  type StartKey,
} from "./cursor";
export {
  MAX_PAGE_SIZE,
  newQueryBudget,
  queryPage,
  REQUEST_EXTRA_QUERY_CALLS,
  type DueItem,
  type Page,
  type PageRequest,
} from "./pagination";
export { tableSpecs, TABLE_NAMES, type TableName, type TableSpec } from "./specs";
export { DYNAMODB_ITEM_LIMIT_BYTES, itemSizeBytes } from "./itemSize";
export { storedPayloadOf } from "./storedPayload";
export {
  isConditionFailed,
  putIfAbsent,
  putIfVersion,
  transactWrite,
  TransactionDeadlineExceeded,
  type RetryBound,
  type TransactItem,
  type TransactResult,
} from "./transact";
export * as StatsRepo from "./stats";
export { isCounterAdd } from "./counterItems";
export * as OverviewRepo from "./overview";
export * as CasesRepo from "./cases";
export * as RefundGuardsRepo from "./refundGuards";
export * as DepositsRepo from "./deposits";
export type { KeyView as ApiKeyView } from "./apiKeys";
export * as RetentionRepo from "./retention";
export * as WebhookEndpointsRepo from "./webhookEndpoints";
export type { StoredEndpoint, UnreadableEndpoint } from "./webhookEndpoints";
export * as EventsRepo from "./events";
export {
  SHAPE_ATTRIBUTE,
  ITEM_KINDS,
  MIGRATION_PROGRESS_PREFIX,
  kindOf,
  currentShape,
  shapeOf,
  stamped,
  upgraded,
  stepsFor,
  NewerItemRefused,
  type ItemKind,
} from "./shapes";
export { MIGRATIONS, type MigrationStep } from "./migrations";
export * as WebhookDeliveriesRepo from "./webhookDeliveries";
export type { Delivery as WebhookDelivery } from "./webhookDeliveries";
