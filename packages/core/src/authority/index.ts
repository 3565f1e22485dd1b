import {
  BUYER_SIDE,
  CREDENTIAL_ROLES,
  type CredentialRole,
  type FieldAuthority,
  OPERATOR,
  PLATFORM,
  SELLER_ONLY,
  SELLER_SIDE,
} from "./roles";

/**
 * Who may set each input field that moves money, eligibility, deadlines or a case's state: one
 * table, by credential role. The GraphQL resolvers, core's state machine and the deposit rules
 * enforce it; `test/security/authority.test.ts` walks every row with every role through the
 * handler, and docs/using-the-api.md prints `renderAuthorityTable()` (a test compares them).
 */

export { CREDENTIAL_ROLES, credentialRole, type CredentialRole, type Effect, type FieldAuthority } from "./roles";

export const FIELD_AUTHORITY: readonly FieldAuthority[] = [
  // Orders: what the marketplace reported, recorded for the seller (by the seller, its tools, or an operator).
  {
    mutation: "createOrder",
    field: "buyerTotal",
    effects: ["money"],
    setBy: SELLER_SIDE,
    why: "what the buyer paid: caps refunds and offers",
  },
  {
    mutation: "createOrder",
    field: "settlementAmount",
    effects: ["money", "eligibility"],
    setBy: SELLER_SIDE,
    why: "counts toward the seller's sales and deposit targets",
  },
  {
    mutation: "createOrder",
    field: "placedAt",
    effects: ["deadline", "eligibility"],
    setBy: SELLER_SIDE,
    why: "the sales day and the start of the handling time",
  },
  { mutation: "createOrder", field: "handlingDays", effects: ["deadline"], setBy: SELLER_SIDE, why: "sets shipBy" },
  { mutation: "createOrder", field: "shipBy", effects: ["deadline"], setBy: SELLER_SIDE, why: "the ship-by deadline" },
  {
    mutation: "createOrder",
    field: "shipment",
    effects: ["state", "eligibility"],
    setBy: SELLER_SIDE,
    why: "an order recorded already shipped: on time or late by its shippedAt, the seller's late-shipment rate",
  },
  {
    mutation: "importOrders",
    field: "orders",
    effects: ["money", "deadline", "eligibility"],
    setBy: SELLER_SIDE,
    why: "the same fields as createOrder, per order",
  },
  {
    mutation: "markOrderShipped",
    field: "shippedAt",
    effects: ["state", "eligibility"],
    setBy: SELLER_SIDE,
    why: "on time or late: the seller's late-shipment rate",
  },
  {
    mutation: "markOrderDelivered",
    field: "deliveredAt",
    effects: ["state"],
    setBy: SELLER_SIDE,
    why: "ends the order's life",
  },
  { mutation: "expediteOrder", field: "orderId", effects: ["state"], setBy: SELLER_SIDE, why: "a remedy-plan step" },
  {
    mutation: "cancelOrder",
    field: "reason",
    effects: ["state", "money", "eligibility"],
    setBy: [...SELLER_SIDE, "MARKETPLACE"],
    why:
      "takes the sale out of the counters; kept with who recorded it: counts against the seller unless the platform " +
      "(a marketplace key relaying the buyer's request, for a seller it serves, or an operator) records " +
      "BUYER_REQUESTED or SUSPECTED_FRAUD, so never the seller's own word",
  },
  {
    mutation: "recordShippingIncident",
    field: "cause",
    effects: ["state"],
    setBy: SELLER_SIDE,
    why: "starts the incident's remedy plan while the order awaits shipment or is late",
  },
  {
    mutation: "reportInvalidTracking",
    field: "trackingNumber",
    effects: ["eligibility"],
    setBy: PLATFORM,
    why:
      "the carrier does not know the number: the shipment leaves the seller's valid-tracking rate, so never the " +
      "seller's own word",
  },
  {
    mutation: "withdrawInvalidTrackingReport",
    field: "orderId",
    effects: ["eligibility"],
    setBy: PLATFORM,
    why: "takes the platform's report back (the valid-tracking rate): the report's authority, never the seller's",
  },
  // Cases: the seller's side, the buyer's side, the platform.
  {
    mutation: "openCase",
    field: "source",
    value: "BUYER",
    effects: ["state", "eligibility"],
    setBy: BUYER_SIDE,
    why: "a buyer dispute counts against the seller",
  },
  {
    mutation: "openCase",
    field: "claimAmount",
    effects: ["money"],
    setBy: BUYER_SIDE,
    why: "what the buyer claims (buyer cases only)",
  },
  {
    mutation: "openCase",
    field: "source",
    value: "SYSTEM",
    effects: ["state"],
    setBy: [...SELLER_SIDE, "MARKETPLACE"],
    why: "an incident case; the seller's side or the platform",
  },
  {
    mutation: "postCaseMessage",
    field: "direction",
    value: "SELLER",
    effects: ["state", "deadline"],
    setBy: SELLER_ONLY,
    why: "the seller's answer: firstResponseAt, the response rate",
  },
  {
    mutation: "postCaseMessage",
    field: "direction",
    value: "BUYER",
    effects: ["state", "deadline"],
    setBy: BUYER_SIDE,
    why: "restarts respondBy unless the seller already owes an answer",
  },
  {
    mutation: "postCaseMessage",
    field: "direction",
    value: "PLATFORM",
    effects: ["state"],
    setBy: PLATFORM,
    why: "the marketplace's word on the case",
  },
  {
    mutation: "recordRemedy",
    field: "amount",
    effects: ["money", "state"],
    setBy: SELLER_ONLY,
    why: "a refund the seller gives",
  },
  {
    mutation: "makeCompensationOffer",
    field: "amount",
    effects: ["money", "state"],
    setBy: SELLER_ONLY,
    why: "what the seller offers, within the policy caps",
  },
  {
    mutation: "makeCompensationOffer",
    field: "expiresAt",
    effects: ["deadline"],
    setBy: SELLER_ONLY,
    why: "how long the buyer has to answer",
  },
  {
    mutation: "withdrawCompensationOffer",
    field: "offerId",
    effects: ["state"],
    setBy: SELLER_ONLY,
    why: "the seller takes its offer back",
  },
  {
    mutation: "respondToCompensationOffer",
    field: "accept",
    effects: ["money", "state"],
    setBy: BUYER_SIDE,
    why: "the buyer's answer: accepting moves money",
  },
  {
    mutation: "escalateCase",
    field: "caseId",
    effects: ["state", "eligibility"],
    setBy: BUYER_SIDE,
    why: "the buyer asks for arbitration; never on the late-shipment incident, which the platform does not decide",
  },
  {
    mutation: "resolveCase",
    field: "outcome",
    value: "REFUNDED",
    effects: ["state", "eligibility"],
    setBy: SELLER_ONLY,
    why:
      "the seller settles (also RETURNED_AND_REFUNDED; REPLACED on a case no buyer opened), once the remedy the " +
      "outcome names is recorded; never the late-shipment incident, which closes only as SHIPPED or ORDER_CANCELLED",
  },
  {
    mutation: "resolveCase",
    field: "outcome",
    value: "SHIPPED",
    effects: ["state"],
    setBy: SELLER_ONLY,
    why: "the seller closes its late-shipment incident once the order shipped and the plan's steps are done",
  },
  {
    mutation: "resolveCase",
    field: "outcome",
    value: "BUYER_WITHDREW",
    effects: ["state"],
    setBy: BUYER_SIDE,
    why: "the buyer withdraws; never the late-shipment incident, which closes only as SHIPPED or ORDER_CANCELLED",
  },
  {
    mutation: "resolveCase",
    field: "outcome",
    value: "DECIDED_FOR_BUYER",
    effects: ["state", "eligibility"],
    setBy: OPERATOR,
    why:
      "an operator decides an escalated case (also DECIDED_FOR_SELLER, which moves no money), with a `note` saying " +
      "why; never the marketplace " +
      "key that escalated it. DECIDED_FOR_BUYER refunds the buyer on the order in the same transaction: " +
      "`platformRefund`, or by default what the claim still lacks (see resolveCase); never the late-shipment incident",
  },
  { mutation: "closeCase", field: "caseId", effects: ["state"], setBy: PLATFORM, why: "nothing changes a closed case" },
  // Returns (packages/core/src/returns): each move is one side's.
  {
    mutation: "makeCompensationOffer",
    field: "kind",
    value: "REFUND_WITH_RETURN",
    effects: ["money", "state", "deadline"],
    setBy: SELLER_ONLY,
    why:
      "a return: money back on receipt of the goods (also REPLACEMENT_WITH_RETURN, an exchange); accepting starts " +
      "the return's deadlines",
  },
  {
    mutation: "shipReturn",
    field: "trackingNumber",
    effects: ["state", "deadline"],
    setBy: BUYER_SIDE,
    why: "the buyer's parcel back: starts the seller's receiveBy",
  },
  {
    mutation: "confirmReturnReceived",
    field: "returnId",
    effects: ["state", "deadline"],
    setBy: SELLER_ONLY,
    why: "the goods are back: starts settleBy",
  },
  {
    mutation: "refundReturn",
    field: "returnId",
    effects: ["money", "state", "eligibility"],
    setBy: SELLER_ONLY,
    why: "the refund on receipt: the order's refunds, net sales, the case's outcome",
  },
  {
    mutation: "shipReplacement",
    field: "trackingNumber",
    effects: ["state"],
    setBy: SELLER_ONLY,
    why: "the exchange's new parcel: resolves the case REPLACED",
  },
  {
    mutation: "cancelReturn",
    field: "returnId",
    effects: ["state", "deadline"],
    setBy: BUYER_SIDE,
    why: "the buyer gives the return up: respondBy restarts for the seller",
  },
  {
    mutation: "submitCaseEvidence",
    field: "side",
    value: "SELLER",
    effects: ["state"],
    setBy: SELLER_ONLY,
    why: "the seller's evidence, weighed when the platform decides",
  },
  {
    mutation: "submitCaseEvidence",
    field: "side",
    value: "BUYER",
    effects: ["state"],
    setBy: BUYER_SIDE,
    why: "the buyer's evidence, relayed by the marketplace",
  },
  {
    mutation: "submitCaseEvidence",
    field: "side",
    value: "PLATFORM",
    effects: ["state"],
    setBy: PLATFORM,
    why: "the platform's own records (inspection, logistics)",
  },
  // Deposits: the platform's terms; the seller applies.
  {
    mutation: "recordDeposit",
    field: "kind",
    effects: ["money", "eligibility"],
    setBy: OPERATOR,
    why: "the platform's terms, not the seller's",
  },
  { mutation: "recordDeposit", field: "amount", effects: ["money"], setBy: OPERATOR, why: "the platform's terms" },
  {
    mutation: "recordDeposit",
    field: "paidAt",
    effects: ["eligibility"],
    setBy: OPERATOR,
    why: "the platform's record of the payment; an unlimited deposit's months count from it",
  },
  {
    mutation: "recordDeposit",
    field: "termStart",
    effects: ["eligibility", "deadline"],
    setBy: OPERATOR,
    why: "the term the sales target is counted over",
  },
  {
    mutation: "recordDeposit",
    field: "termEnd",
    effects: ["eligibility", "deadline"],
    setBy: OPERATOR,
    why: "the term the sales target is counted over",
  },
  {
    mutation: "recordDeposit",
    field: "salesTarget",
    effects: ["eligibility"],
    setBy: OPERATOR,
    why: "reaching it refunds the deposit in full",
  },
  {
    mutation: "recordDeposit",
    field: "sustainedRule",
    effects: ["eligibility"],
    setBy: OPERATOR,
    why: "the unlimited deposit's refund rule",
  },
  {
    mutation: "recordViolation",
    field: "severity",
    effects: ["eligibility"],
    setBy: OPERATOR,
    why: "violations block refunds",
  },
  {
    mutation: "voidViolation",
    field: "violationId",
    effects: ["eligibility", "state"],
    setBy: OPERATOR,
    why: "a voided violation no longer blocks refunds nor counts in the risk score",
  },
  {
    mutation: "applyForDepositRefund",
    field: "documents",
    effects: ["eligibility", "state"],
    setBy: SELLER_ONLY,
    why: "the seller applies with its evidence",
  },
  {
    mutation: "decideDepositRefund",
    field: "outcome",
    effects: ["money", "state"],
    setBy: OPERATOR,
    why:
      "the platform decides; with a `reason` for a partial refund, a denial, and a full refund against a " +
      "recommendation not to refund",
  },
  {
    mutation: "decideDepositRefund",
    field: "amount",
    effects: ["money"],
    setBy: OPERATOR,
    why: "a partial refund's amount",
  },
  // Sellers and keys: the platform's.
  {
    mutation: "createSeller",
    field: "settlementCurrency",
    effects: ["money", "eligibility"],
    setBy: OPERATOR,
    why: "the currency of sales counters and deposit terms",
  },
  {
    mutation: "createSeller",
    field: "timeZone",
    effects: ["deadline", "eligibility"],
    setBy: OPERATOR,
    why: "the seller's days and months: counters, terms, a remedy plan's days late (so the compensation it suggests)",
  },
  {
    mutation: "createSeller",
    field: "language",
    effects: ["state"],
    setBy: OPERATOR,
    why: "the language the seller reads texts in; the seller changes it with setSellerLanguage",
  },
  {
    mutation: "setSellerLanguage",
    field: "language",
    effects: ["state"],
    setBy: SELLER_SIDE,
    why: "a profile setting of the seller's own: its tools and operators may set it for it",
  },
  { mutation: "createApiKey", field: "role", effects: ["state"], setBy: OPERATOR, why: "who may do all of the above" },
  // Webhook endpoints: the seller's events leave the platform there. A partner changes only the
  // endpoints it registered; the operator scope (no sellerId) is the operators' alone.
  {
    mutation: "registerWebhookEndpoint",
    field: "url",
    effects: ["state"],
    setBy: SELLER_SIDE,
    why: "where the seller's events are sent",
  },
  {
    mutation: "rotateWebhookSecret",
    field: "overlapHours",
    effects: ["state"],
    setBy: SELLER_SIDE,
    why: "how long the previous secret still signs",
  },
  {
    mutation: "disableWebhookEndpoint",
    field: "endpointId",
    effects: ["state"],
    setBy: SELLER_SIDE,
    why: "stops the endpoint's deliveries",
  },
  {
    mutation: "enableWebhookEndpoint",
    field: "endpointId",
    effects: ["state"],
    setBy: SELLER_SIDE,
    why: "resumes deliveries (recovers an endpoint switched off for failures)",
  },
  {
    mutation: "updateWebhookEndpoint",
    field: "url",
    effects: ["state"],
    setBy: SELLER_SIDE,
    why: "moves where the seller's events are sent",
  },
  {
    mutation: "deleteWebhookEndpoint",
    field: "endpointId",
    effects: ["state"],
    setBy: SELLER_SIDE,
    why: "ends the endpoint's deliveries for good and frees its place under the scope's cap",
  },
  {
    mutation: "redeliverWebhookEvent",
    field: "eventId",
    effects: ["state"],
    setBy: SELLER_SIDE,
    why: "sends one of the seller's events out again",
  },
];

/** The table as Markdown, as docs/using-the-api.md prints it. */
export function renderAuthorityTable(): string {
  const cell = (row: FieldAuthority, role: CredentialRole) => (row.setBy.includes(role) ? "✓" : "–");
  const rows = FIELD_AUTHORITY.map(
    (row) =>
      `| \`${row.mutation}\` | \`${row.field}\`${row.value ? ` = \`${row.value}\`` : ""} | ` +
      `${row.effects.join(", ")} | ${CREDENTIAL_ROLES.map((role) => cell(row, role)).join(" | ")} | ${row.why} |`,
  );
  return [
    `| mutation | input field | moves | ${CREDENTIAL_ROLES.join(" | ")} | why |`,
    `|---|---|---|${CREDENTIAL_ROLES.map(() => "---").join("|")}|---|`,
    ...rows,
  ].join("\n");
}
