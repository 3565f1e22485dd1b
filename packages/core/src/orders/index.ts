/**
 * An order as the marketplace reports it, and the one deadline this product exists to protect:
 * `shipBy`. Late and at-risk are derived from `shipBy` and the clock whenever they are read.
 *
 * This file is the face of the module: shapes and rules in ./shapes.ts, inputs in ./inputs.ts,
 * creation and the lifecycle verbs in ./lifecycle.ts, deadlines in ./deadlines.ts, when an order counts as
 * recorded late in ./recording.ts. Every verb takes one object (`OrderVerbArgs`).
 */
export {
  CANCEL_REASONS,
  defaultOrderRules,
  DelayRemedies,
  hasDelayRemedies,
  Incident,
  INCIDENT_CAUSES,
  Info,
  MAX_INCIDENTS,
  NO_DELAY_REMEDIES,
  ORDER_STATUSES,
  OrderItem,
  type CancelReason,
  type IncidentCause,
  type Order,
  type OrderRules,
  type OrderStatus,
  type OrderVerbArgs,
} from "./shapes";
export {
  CANCELLED_BY,
  cancelledBySeller,
  cancellingSide,
  PLATFORM_EXCUSED_REASONS,
  storedCancelledBy,
  type CancelledBy,
  type CancellingSide,
} from "./cancellation";
export {
  CancelInput,
  CreateInput,
  DeliverInput,
  ExpediteInput,
  IncidentInput,
  InvalidTrackingInput,
  MarketplaceOrderIdInput,
  MAX_ORDER_ITEMS,
  ShipInput,
  ShipmentInput,
  MAX_WITHDRAWAL_REASON,
  WithdrawInvalidTrackingReportInput,
} from "./inputs";
export {
  cancel,
  checkTransition,
  create,
  createSteps,
  storedOrder,
  type CreateArgs,
  type CreatedOrder,
  deriveShipBy,
  expedite,
  markDelivered,
  markShipped,
  moneyBack,
  recordIncident,
  reportInvalidTracking,
  withdrawInvalidTrackingReport,
  TRANSITIONS,
  type OrderAction,
} from "./lifecycle";
export {
  changed,
  checkDeadline,
  expediteMarkCounts,
  expediteMarkStands,
  isAtRisk,
  isLate,
  nextCheckAt,
  shippedLate,
  countedShippedAt,
  lateUnshippedAt,
  timeLeftMs,
  type DeadlineCheck,
} from "./deadlines";
export { RECORDING_GRACE_MS, recordedLate } from "./recording";
export type { Money } from "../money";
