import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import type { ApolloServerPlugin } from "@apollo/server";
import {
  getVariableValues,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";
import { Cases, Deposits, Events, Orders, Webhooks } from "@seller-ops/core";
import type { Context } from "./context";

/** Payload units a text of `chars` characters takes at most (`LIMITS.maxPayloadCost`). */
function payloadUnits(chars: number): number {
  return Math.ceil(chars / 64);
}

/**
 * Every limit the API enforces, in one place (the README's "Security" section quotes them).
 * Aliases, tokens, directives and depth come from GraphQL Armor; the cost is computed the way
 * GitHub and Shopify do it: every field costs 1, and a list field multiplies what it selects by
 * the page it asks for (`first`, else `last`, else its default of 20).
 */
export const LIMITS = {
  maxAliases: 15,
  maxTokens: 1000,
  maxDirectives: 10,
  /**
   * Armor counts the leaf as a level: `cases { edges { node { order { risk { factors { code } } } } } }`
   * is 7; fragments add none (see `depthCounting`). The deepest example operation plus 2 (a test checks it).
   */
  maxDepth: 10,
  /** Query cost budget per request. A page of 100 orders with a dozen fields each costs ~1,500. */
  maxCost: 5_000,
  /** Largest `first` / `last` any list accepts. */
  maxPageSize: 100,
  /** Page size assumed for the cost when a list field does not say. */
  defaultPageSize: 20,
  /**
   * Lists without `first` whose items are read from the database (not carried in the parent's
   * item): the cost multiplies what they select by this many items, as a page does, so a query
   * pays for the reads it causes. A deposit has one open application at a time and rarely more
   * than a few over its life.
   */
  assumedListSizes: { "Deposit.refundApplications": 10 } as Record<string, number>,
  /**
   * What each order of an `importOrders` adds to the cost: a written order is a transaction of several
   * items, not one field. At 40, a request writes at most 124 orders (5,000 / 40, less what it selects)
   * however its aliases split them: one full import of 100 fits (4,000 of the budget), two do not. Without
   * it, 15 aliases of one 100-order variable made 1,500 writes of one request, past the function's time
   * limit, at a cost of 45.
   */
  importedOrderCost: 40,
  /**
   * Fields that run a deposit's refund assessment when read (2 to 9 requests each, per application of a review
   * queue page): each costs this much on top of what it selects, so a page of them pays for its reads. At 20, the
   * operator's example queue fits at 100 per page; 15 aliases of such pages cannot make thousands of reads.
   */
  assessedFieldCosts: {
    "DepositRefundApplication.currentRecommendation": 20,
    "DepositRefundApplication.currentEligibility": 20,
    // The seller's own question, the same assessment: 15 aliases for 15 deposits pay 300 for up to 135 requests.
    "Query.depositRefundEligibility": 20,
    // The case's order (one batched read per page) and, for a buyer's claim about a delay the case alone does not
    // settle, one Query of the order's other cases.
    "Case.availableActions": 4,
    // A seller's health reads its 30- and 60-day counter windows and its violations (3 requests); its overview, its
    // counters and a Query of the deadlines due within a day (2). An operator's page of 100 sellers selecting both
    // is 500 requests, which the plain field cost of 1 priced as 200 fields.
    "Seller.health": 4,
    "Seller.overview": 3,
    // The same health read, for its risk alone.
    "Query.sellerRisk": 4,
  } as Record<string, number>,
  /**
   * What a connection below the root (`Case.timeline`) adds for each call, on top of its page: it is one Query per
   * parent, where the page size alone priced `cases(first: 100) { timeline(first: 1) { … } }` as 100 small fields.
   * At 10, 9 aliases of that page (900 Queries) cost ~13,500 and are refused; one such page of 100 fits at ~1,500.
   */
  nestedConnectionCallCost: 10,
  /**
   * Budget for what a mutation's payload selects (`payloadCost`, reported in `extensions.payloadCost`), on top
   * of `maxCost`. A mutation's write lands before its answer is built: an answer above the 6 MiB Lambda can
   * return would be refused after the fact, and a client retrying with fewer fields would make the change
   * twice. So the payload is priced in units of at most 64 characters of text and its key, ~300 bytes even
   * when every character takes 4 (a `"` is `\"` in the body and `\\\"` in the Lambda result): a field is one
   * unit, a long text `payloadTextUnits`, a list read from a stored item its cap (`payloadListSizes`) times
   * what it selects, a page its `first`, an import's results one per order sent. At 6,000 units the worst
   * answer is ~1.8 MB, under a third of 6 MiB (lists of codes or ids and userErrors add a few kB per copy;
   * 5 timeline pages of 100 messages, the case that was answered 7.4 MB, are 40,505). The example payloads
   * cost at most 439 (`recordRemedy`, every remedy at its cap), an import of 100 orders 3,901; a payload's
   * timeline page holds about 70 messages with their bodies (a query reads more).
   */
  maxPayloadCost: 6_000,
  /**
   * Lists read from one stored item without `first`, at the most items the item holds (core's caps). Only the
   * payload cost multiplies by them: a query prices them as one, and an answer too large for Lambda is then
   * refused before anything was written.
   */
  payloadListSizes: {
    "Order.items": Orders.MAX_ORDER_ITEMS,
    "Order.incidents": Orders.MAX_INCIDENTS,
    "Case.offers": Cases.CASE_LIMITS.offers,
    "Case.remedies": Cases.CASE_LIMITS.remedies,
    "Case.returns": Cases.CASE_LIMITS.returns,
    "CaseEvidenceBySide.seller": Cases.EVIDENCE_LIMITS.SELLER,
    "CaseEvidenceBySide.buyer": Cases.EVIDENCE_LIMITS.BUYER,
    "CaseEvidenceBySide.platform": Cases.EVIDENCE_LIMITS.PLATFORM,
    "DepositRefundApplication.documents": Deposits.MAX_DOCUMENTS,
  } as Record<string, number>,
  /**
   * Text fields longer than 64 characters, in payload units (64 characters each): stored texts at their input
   * limit, and the sentences the server writes (explanations, instructions, messages to buyers, userErrors) at
   * 512 characters, more than any of them with its values filled in. Every other text field is an id, a code,
   * a date, an amount or a cursor: one unit (test/api/limits.test.ts lists them, so a new text field is
   * placed on purpose).
   */
  payloadTextUnits: {
    "CaseEvent.body": payloadUnits(5000),
    "ShippingIncident.note": payloadUnits(2000),
    "Violation.note": payloadUnits(2000),
    "Violation.voidReason": payloadUnits(2000),
    "DepositRefundDecision.reason": payloadUnits(2000),
    "WebhookEndpoint.url": payloadUnits(Webhooks.MAX_URL_LENGTH),
    "EvidenceDocument.reference": payloadUnits(1024),
    "WebhookDeliveryAttempt.responseExcerpt": payloadUnits(1024),
    "CaseRemedy.note": payloadUnits(1000),
    "CompensationOffer.note": payloadUnits(1000),
    "CaseEvidence.reference": payloadUnits(512),
    "CaseEvidence.description": payloadUnits(280),
    "CaseRemedy.reference": payloadUnits(256),
    "OrderItem.title": payloadUnits(200),
    "EvidenceDocument.title": payloadUnits(200),
    "Seller.name": payloadUnits(200),
    "ShippingIncident.supportTicketRef": payloadUnits(128),
    "ApiKey.label": payloadUnits(100),
    "Event.payload": payloadUnits(Events.MAX_PAYLOAD_BYTES),
    ...Object.fromEntries(
      [
        "UserError.message",
        "CaseEvent.summary",
        "RemedyStep.instruction",
        "BuyerMessage.text",
        "RiskFactor.label",
        "RiskFactor.display",
        "RiskFactor.explanation",
        "RecommendedAction.label",
        "HealthMetric.label",
        "HealthMetric.note",
        "HealthMetric.explanation",
        "DepositConsequence.explanation",
        "DepositRefundBlocker.message",
        "WebhookDeliveryAttempt.detail",
      ].map((field) => [field, payloadUnits(512)]),
    ),
  } as Record<string, number>,
} as const;

/**
 * Multiplies a list field's children by its page size. A size no list serves (below 1, not whole) is priced as
 * the largest page: the list refuses it, but only when it runs, and its siblings run too. Priced as asked, a
 * `first: -2147483648` made the cost negative and cancelled the cost of the rest of the query.
 */
const pagedEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const asked = typeof args.first === "number" ? args.first : typeof args.last === "number" ? args.last : null;
  if (asked === null && !("first" in args) && !("last" in args)) return undefined;
  const size = asked ?? LIMITS.defaultPageSize;
  const priced = Number.isInteger(size) && size >= 1 ? size : LIMITS.maxPageSize;
  return 1 + priced * Math.max(childComplexity, 1);
};

/** A connection below the root (see `nestedConnectionCallCost`) is one Query per call, whatever page it asks for. */
const nestedConnectionEstimator: ComplexityEstimator = (options) => {
  if (options.type.name === "Query" || options.type.name === "Mutation") return undefined;
  const page = pagedEstimator(options);
  return page === undefined ? undefined : page + LIMITS.nestedConnectionCallCost;
};

/** Multiplies the children of a list that reads its items (see `assumedListSizes`) by the items it may return. */
const readListEstimator: ComplexityEstimator = ({ type, field, childComplexity }) => {
  const size = LIMITS.assumedListSizes[`${type.name}.${field.name}`];
  return size === undefined ? undefined : 1 + size * Math.max(childComplexity, 1);
};

/** A field that runs an assessment when read (see `assessedFieldCosts`) pays for its reads. */
const assessedFieldEstimator: ComplexityEstimator = ({ type, field, childComplexity }) => {
  const cost = LIMITS.assessedFieldCosts[`${type.name}.${field.name}`];
  return cost === undefined ? undefined : cost + childComplexity;
};

/** `importOrders` pays for the orders it writes (see `importedOrderCost`), on top of what it selects. */
const importEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (type.name !== "Mutation" || field.name !== "importOrders") return undefined;
  const orders = (args.input as { orders?: unknown } | undefined)?.orders;
  return 1 + (Array.isArray(orders) ? orders.length : 1) * LIMITS.importedOrderCost + childComplexity;
};

/** Multiplies the children of a list read from one stored item by the most items it holds (`payloadListSizes`). */
const storedListEstimator: ComplexityEstimator = ({ type, field, childComplexity }) => {
  const size = LIMITS.payloadListSizes[`${type.name}.${field.name}`];
  return size === undefined ? undefined : 1 + size * Math.max(childComplexity, 1);
};

/** A text field counts the units of its longest value (`payloadTextUnits`). */
const textEstimator: ComplexityEstimator = ({ type, field }) => LIMITS.payloadTextUnits[`${type.name}.${field.name}`];

/**
 * An import answers one result per order sent: what its payload selects counts once per order. Its writes
 * are `importedOrderCost`, in `maxCost`: the payload cost is what the answer may weigh.
 */
const importPayloadEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (type.name !== "Mutation" || field.name !== "importOrders") return undefined;
  const orders = (args.input as { orders?: unknown } | undefined)?.orders;
  return 1 + (Array.isArray(orders) ? Math.max(orders.length, 1) : 1) * childComplexity;
};

/** What a mutation's payload may weigh, in units of at most ~300 bytes of the answer (`maxPayloadCost`). */
export function payloadCost(
  schema: GraphQLSchema,
  document: Parameters<typeof getComplexity>[0]["query"],
  variables: Record<string, unknown>,
  operationName?: string,
): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName,
    estimators: [
      importPayloadEstimator,
      pagedEstimator,
      readListEstimator,
      storedListEstimator,
      textEstimator,
      simpleEstimator({ defaultComplexity: 1 }),
    ],
  });
}

/**
 * The cost of an operation (what `extensions.cost` reports): the one named `operationName`, else every operation of
 * the document (a document that names none holds one). Throws a GraphQLError where it cannot price the operation.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: Parameters<typeof getComplexity>[0]["query"],
  variables: Record<string, unknown>,
  operationName?: string,
): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName,
    estimators: [
      importEstimator,
      nestedConnectionEstimator,
      pagedEstimator,
      readListEstimator,
      assessedFieldEstimator,
      simpleEstimator({ defaultComplexity: 1 }),
    ],
  });
}

/**
 * Costs already computed, by document, operation and variables. Apollo hands the same parsed document for a
 * query text it has seen (its document cache), and a dashboard sends a few queries over and over
 * with the same small variables: walking the document again with the schema's type info on every
 * request was a measurable part of the handler's own time. Only small variable sets are kept
 * (mutations carry unique, sometimes large inputs), a few per document.
 */
const knownCosts = new WeakMap<object, Map<string, number>>();
const COSTS_PER_DOCUMENT = 16;
const MAX_COST_KEY_LENGTH = 512;

/**
 * The cache key of a cost: the operation's name and the values of the variables it defines, and only those. The
 * variables object is the caller's JSON: one it never uses may be anything, and stringifying a 20,000-deep junk
 * array overflowed the stack (a masked 500, counted against the internal-error alarm). Null when it is too large to
 * keep or cannot be written.
 */
function costKey(
  document: Parameters<typeof getComplexity>[0]["query"],
  variables: Record<string, unknown>,
  operationName: string | undefined,
): string | null {
  const defined: Record<string, unknown> = {};
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName !== undefined && definition.name?.value !== operationName) continue;
    for (const { variable } of definition.variableDefinitions ?? []) {
      if (Object.hasOwn(variables, variable.name.value)) defined[variable.name.value] = variables[variable.name.value];
    }
  }
  try {
    const key = JSON.stringify([operationName ?? null, defined]);
    return key.length > MAX_COST_KEY_LENGTH ? null : key;
  } catch {
    return null;
  }
}

function costOf(
  schema: GraphQLSchema,
  document: Parameters<typeof getComplexity>[0]["query"],
  variables: Record<string, unknown>,
  operationName: string | undefined,
): number {
  const key = costKey(document, variables, operationName);
  if (key === null) return queryCost(schema, document, variables, operationName);
  let byVariables = knownCosts.get(document);
  if (!byVariables) {
    byVariables = new Map();
    knownCosts.set(document, byVariables);
  }
  const known = byVariables.get(key);
  if (known !== undefined) return known;
  const cost = queryCost(schema, document, variables, operationName);
  if (byVariables.size >= COSTS_PER_DOCUMENT) byVariables.delete(byVariables.keys().next().value!);
  byVariables.set(key, cost);
  return cost;
}

/** Refuses an operation over budget before it runs, and reports the cost of every operation in `extensions.cost`. */
export function costPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let cost: number | null = null;
      let payload: number | null = null;
      return {
        async didResolveOperation({ request, document, schema, operation, operationName }) {
          const variables = request.variables ?? {};
          try {
            cost = costOf(schema, document, variables, operationName ?? undefined);
            if (operation?.operation === "mutation") {
              payload = payloadCost(schema, document, variables, operationName ?? undefined);
            }
          } catch (error) {
            // The operation's variables do not fit its definitions: execution refuses them before any field runs,
            // with a 400 naming each (one error here could name only one).
            if (operation && refusesVariables(schema, operation, variables)) return;
            // Anything else the cost cannot be computed for does not run unpriced.
            throw unpriced(error);
          }
          if (cost > LIMITS.maxCost) {
            throw new GraphQLError(
              `Query cost ${cost} is above the budget of ${LIMITS.maxCost}: ask for smaller pages or fewer nested ` +
                `lists.`,
              {
                extensions: {
                  code: "QUERY_TOO_COSTLY",
                  cost: { requested: cost, budget: LIMITS.maxCost },
                  http: { status: 400 },
                },
              },
            );
          }
          if (payload !== null && payload > LIMITS.maxPayloadCost) {
            throw new GraphQLError(
              `The mutation's answer could weigh ${payload} units, above the budget of ${LIMITS.maxPayloadCost}: ` +
                "select fewer fields or a smaller timeline page, and read the rest with a query. Nothing was written.",
              {
                extensions: {
                  code: "QUERY_TOO_COSTLY",
                  payloadCost: { requested: payload, budget: LIMITS.maxPayloadCost },
                  http: { status: 400 },
                },
              },
            );
          }
        },
        async willSendResponse({ response }) {
          if (cost !== null && response.body.kind === "single") {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              cost: { requested: cost, budget: LIMITS.maxCost },
              ...(payload !== null && { payloadCost: { requested: payload, budget: LIMITS.maxPayloadCost } }),
            };
          }
        },
      };
    },
  };
}

/** Whether graphql-js refuses these variables for the operation (as execution coerces them, before it starts). */
function refusesVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): boolean {
  return (getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors?.length ?? 0) > 0;
}

/**
 * The refusal of an operation whose cost could not be computed (a GraphQLError of the cost walk; anything else is
 * a bug, answered as an internal error). The one known cause: the walk stops at 10,000 fields, which fragments
 * spread again and again reach within the token limit, as each spread counts the fragment's fields again.
 */
function unpriced(error: unknown): unknown {
  if (!(error instanceof GraphQLError)) return error;
  return new GraphQLError(
    `The query's cost could not be computed, so it did not run (${error.message.replace(/\.$/, "")}). A fragment ` +
      "counts its fields at every spread: spread each fragment once, or select fewer fields. Nothing was written.",
    { extensions: { code: "QUERY_TOO_COSTLY", http: { status: 400 } } },
  );
}

/** Options for graphql-js's parser: the token limit, enforced while parsing (a 400 GRAPHQL_PARSE_FAILED). */
export const parseOptions = { maxTokens: LIMITS.maxTokens };

/**
 * How the depth is counted: levels of fields only. Armor's default counts a named fragment's spread as two
 * more levels and an inline fragment as one, so the same query written the way Apollo Client and Relay apps
 * colocate their selections (`node { ...OrderRow }`) was refused where its inline copy passed. Counted flat,
 * a query has one depth however it is written, and the limit keeps its meaning (the deepest example + 2).
 */
export const depthCounting = { flattenFragments: true } as const;

/**
 * Armor reports a rejection as a validation error (HTTP 400, GRAPHQL_VALIDATION_FAILED) instead of throwing
 * out of validation. Its messages start with "Syntax Error: ", which the query has none of: the limit is
 * named without it.
 */
const report = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ""), { nodes: error.nodes })),
  ],
};

/**
 * GraphQL Armor's validation rules with our limits. The individual rule packages rather than the
 * umbrella package: the umbrella also bundles its token and cost plugins (replaced here by the
 * parser's token limit and the cost plugin above) and a second copy of graphql's parser.
 */
export function armorRules(): ValidationRule[] {
  return [
    knownOperationTypes,
    // Every alias counts: the rule's default list exempts one spelt `__typename`, which could then alias any field.
    maxAliasesRule({ n: LIMITS.maxAliases, allowList: [], ...report }),
    maxDepthRule({ n: LIMITS.maxDepth, ...depthCounting, ...report }),
    maxDirectivesRule({ n: LIMITS.maxDirectives, ...report }),
  ];
}

/**
 * An operation of a type the schema has no root for is the caller's error. graphql-js 16 validates none of this: a
 * `subscription` passed validation, failed in execution with an error of no code, and was masked as an internal
 * error (a 200 that paged on-call through the internal-error alarm) instead of a 400 that names the problem.
 */
const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root = { query: schema.getQueryType(), mutation: schema.getMutationType() };
    const known = node.operation === "subscription" ? null : root[node.operation];
    if (!known) {
      context.reportError(
        new GraphQLError(`This API has no ${node.operation} operations: send a query or a mutation.`, {
          nodes: node,
        }),
      );
    }
  },
});

/** In production, "Did you mean …?" suggestions would reveal the schema that introspection hides. */
export function blockFieldSuggestions(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors)
            (error as { message: string }).message = error.message.replace(/ ?Did you mean .+\?$/, "");
        },
      };
    },
  };
}
