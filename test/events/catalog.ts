import type { Events } from "@seller-ops/core";

/**
 * The events each mutation records when it succeeds (docs/events.md). `catalog.test.ts` runs
 * every mutation of the reliability catalog and fails when one changes stored state without
 * recording one of these, records another type, or is missing here: so a new mutation cannot
 * change state silently.
 */
export const MUTATION_EVENTS: Record<string, readonly Events.EventType[]> = {
  createOrder: ["ORDER_IMPORTED", "ORDER_SHIPPED"],
  importOrders: ["ORDER_IMPORTED", "ORDER_SHIPPED"],
  markOrderShipped: ["ORDER_SHIPPED"],
  markOrderDelivered: ["ORDER_DELIVERED"],
  expediteOrder: ["ORDER_EXPEDITED"],
  cancelOrder: ["ORDER_CANCELLED", "CASE_DECIDED", "OFFER_LAPSED"],
  recordShippingIncident: ["ORDER_INCIDENT_RECORDED"],
  reportInvalidTracking: ["ORDER_TRACKING_INVALID"],
  withdrawInvalidTrackingReport: ["ORDER_TRACKING_REPORT_WITHDRAWN"],
  openCase: ["CASE_OPENED"],
  postCaseMessage: ["CASE_ANSWERED", "CASE_MESSAGE_POSTED"],
  recordRemedy: ["REMEDY_RECORDED", "ORDER_REFUNDED_OR_COMPENSATED"],
  makeCompensationOffer: ["OFFER_MADE"],
  respondToCompensationOffer: ["OFFER_ACCEPTED", "OFFER_DECLINED", "ORDER_REFUNDED_OR_COMPENSATED"],
  withdrawCompensationOffer: ["OFFER_WITHDRAWN"],
  shipReturn: ["RETURN_SHIPPED_BACK"],
  confirmReturnReceived: ["RETURN_RECEIVED"],
  refundReturn: ["RETURN_REFUNDED", "ORDER_REFUNDED_OR_COMPENSATED"],
  shipReplacement: ["RETURN_REPLACEMENT_SHIPPED"],
  cancelReturn: ["RETURN_CANCELLED"],
  escalateCase: ["CASE_ESCALATED"],
  resolveCase: ["CASE_DECIDED"],
  closeCase: ["CASE_CLOSED"],
  submitCaseEvidence: ["EVIDENCE_SUBMITTED"],
  createSeller: ["SELLER_CREATED"],
  setSellerLanguage: ["SELLER_UPDATED"],
  createApiKey: ["API_KEY_CREATED"],
  revokeApiKey: ["API_KEY_REVOKED"],
  recordDeposit: ["DEPOSIT_RECORDED"],
  recordViolation: ["VIOLATION_RECORDED"],
  voidViolation: ["VIOLATION_VOIDED"],
  applyForDepositRefund: ["REFUND_APPLICATION_MADE"],
  decideDepositRefund: ["REFUND_APPLICATION_DECIDED"],
  registerWebhookEndpoint: [],
  rotateWebhookSecret: [],
  disableWebhookEndpoint: [],
  enableWebhookEndpoint: [],
  updateWebhookEndpoint: [],
  deleteWebhookEndpoint: [],
  redeliverWebhookEvent: [],
};

/**
 * Mutations that change state and record no event, each with its reason. An empty entry above
 * needs one here: nothing escapes the catalog by accident.
 */
export const NO_EVENT: Record<string, string> = {
  registerWebhookEndpoint: "endpoint configuration: the caller's own delivery setup, not news for the seller",
  rotateWebhookSecret: "endpoint configuration",
  disableWebhookEndpoint: "endpoint configuration by its owner (the dispatcher's switch-off is an event)",
  enableWebhookEndpoint: "endpoint configuration",
  updateWebhookEndpoint: "endpoint configuration",
  deleteWebhookEndpoint: "endpoint configuration: the caller's own delivery setup ends",
  redeliverWebhookEvent: "re-sends an event already recorded; the delivery log records the attempt",
};

/** Event types only operators receive: they belong to no seller. */
export const OPERATOR_LEVEL: readonly Events.EventType[] = ["API_KEY_CREATED", "API_KEY_REVOKED"];
