/**
 * The one definition of every DynamoDB table: keys, indexes, TTL attribute.
 *
 * `stacks/` turns these into `sst.aws.Dynamo` components and the local bootstrap creates the
 * same tables in DynamoDB Local, so the tables the tests run against are the tables that deploy.
 * Plain data only: no SDK, no SST imports. Index names say which query they serve; every
 * access pattern is listed in `packages/db/README.md`.
 */

export type AttributeType = "string" | "number";

export interface IndexSpec {
  hashKey: string;
  rangeKey?: string;
  /** Why the index exists: the query it serves. */
  serves: string;
  /**
   * What the index copies of each item: every attribute (the default: lists show whole objects), or only the table's
   * and the index's keys, for an index whose keys are all its query needs.
   */
  projection?: "all" | "keys-only";
}

export interface TableSpec {
  /** Logical name: the SST component name and the suffix of the local table name. */
  name: TableName;
  purpose: string;
  /** Only the attributes that are keys of the table or of an index (DynamoDB's rule). */
  fields: Record<string, AttributeType>;
  primaryIndex: { hashKey: string; rangeKey?: string };
  globalIndexes: Record<string, IndexSpec>;
  /** Attribute holding an epoch-seconds expiry; DynamoDB deletes such items lazily (up to ~2 days late). */
  ttl?: string;
  /** A DynamoDB stream of each written item's new image (the webhook dispatcher reads it). */
  stream?: "new-image";
}

export const TABLE_NAMES = [
  "Sellers",
  "Orders",
  "Cases",
  "Deposits",
  "ApiKeys",
  "Idempotency",
  "WebhookEndpoints",
  "Events",
  "WebhookDeliveries",
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export const tableSpecs: Record<TableName, TableSpec> = {
  Sellers: {
    name: "Sellers",
    purpose: "Seller profiles (settlement currency, time zone) and per-seller daily statistics counters.",
    fields: { pk: "string", sk: "string", directory: "string", id: "string" },
    primaryIndex: { hashKey: "pk", rangeKey: "sk" },
    globalIndexes: {
      sellersById: {
        hashKey: "directory",
        rangeKey: "id",
        serves: "the operators' list of every seller, in id order (sparse: only profiles carry `directory`)",
      },
    },
  },
  Orders: {
    name: "Orders",
    purpose: "Orders, their incidents, and one uniqueness guard per (seller, marketplace order id).",
    fields: {
      pk: "string",
      sk: "string",
      sellerId: "string",
      sellerStatus: "string",
      shipBy: "string",
      placedAt: "string",
      recordedLatePlacedAt: "string",
      checkShard: "string",
      nextCheckAt: "string",
      updatedAt: "string",
    },
    primaryIndex: { hashKey: "pk", rangeKey: "sk" },
    globalIndexes: {
      ordersBySellerShipBy: {
        hashKey: "sellerId",
        rangeKey: "shipBy",
        serves: "a seller's orders by ship-by deadline (orders list, shipByBefore filter)",
      },
      ordersBySellerStatusShipBy: {
        hashKey: "sellerStatus",
        rangeKey: "shipBy",
        serves:
          "a seller's orders in one status by ship-by deadline (status filter; late / at-risk ranges and the " +
          "lateOrders queue on AWAITING_SHIPMENT)",
      },
      ordersBySellerPlacedAt: {
        hashKey: "sellerId",
        rangeKey: "placedAt",
        serves:
          "a seller's orders placed in a time range: the part of a deposit term's first and last day outside the " +
          "term (deposit eligibility)",
      },
      lateRecordedOrdersBySeller: {
        hashKey: "sellerId",
        rangeKey: "recordedLatePlacedAt",
        serves:
          "a seller's orders recorded more than a week after they were placed (`Orders.recordedLate`), by when they " +
          "were placed: those of an ended deposit term, which it leaves out when recorded after the term (deposit " +
          "eligibility; sparse: only orders recorded late carry the key; all attributes: their sales are needed)",
      },
      ordersBySellerUpdatedAt: {
        hashKey: "sellerId",
        rangeKey: "updatedAt",
        serves:
          "a seller's orders changed since an instant, oldest change first (`updatedSince`: partner tools catching up)",
      },
      ordersByNextCheck: {
        hashKey: "checkShard",
        rangeKey: "nextCheckAt",
        serves:
          "the late-order job: unshipped orders whose next check time has come, write-sharded (sparse: an order " +
          "leaves it once late, shipped or cancelled)",
      },
    },
  },
  Cases: {
    name: "Cases",
    purpose: "Cases (late-shipment incidents and buyer disputes) with their timeline as one item collection.",
    fields: {
      pk: "string",
      sk: "string",
      sellerId: "string",
      orderId: "string",
      openedAt: "string",
      sellerStatus: "string",
      respondBy: "string",
      deadlineShard: "string",
      nextDeadlineAt: "string",
      redactShard: "string",
      redactAfter: "string",
      updatedAt: "string",
      qualityDisputeLostAt: "string",
      qualityDisputeOpenedAt: "string",
      deadlineSellerId: "string",
      sellerDeadline: "string",
    },
    primaryIndex: { hashKey: "pk", rangeKey: "sk" },
    globalIndexes: {
      qualityDisputesLostBySeller: {
        hashKey: "sellerId",
        rangeKey: "qualityDisputeLostAt",
        serves:
          "a seller's quality disputes lost in a time range: the part of a deposit term's first and last day outside " +
          "the term (deposit eligibility; sparse: only cases lost as a quality dispute; keys only: the instant and " +
          "the case are all it needs)",
        projection: "keys-only",
      },
      qualityDisputesBySellerOpenedAt: {
        hashKey: "sellerId",
        rangeKey: "qualityDisputeOpenedAt",
        serves:
          "a seller's quality disputes opened in a time range: those a deposit term opened (eligibility: those still " +
          "open hold the refund, those lost after the term count against it; sparse: only quality disputes; all " +
          "attributes: their state is needed)",
      },
      casesBySellerUpdatedAt: {
        hashKey: "sellerId",
        rangeKey: "updatedAt",
        serves:
          "a seller's cases changed since an instant, oldest change first (`updatedSince`; only cases carry " +
          "`sellerId`)",
      },
      casesBySellerOpenedAt: {
        hashKey: "sellerId",
        rangeKey: "openedAt",
        serves:
          "a seller's cases, newest first (reason / source filters); the quality disputes a deposit term opened " +
          "while their own index is short of them (cases stored before it, until migrated)",
      },
      casesByOrderOpenedAt: {
        hashKey: "orderId",
        rangeKey: "openedAt",
        serves: "the cases of one order (orderId filter; remedy-plan evidence)",
      },
      casesBySellerStatusRespondBy: {
        hashKey: "sellerStatus",
        rangeKey: "respondBy",
        serves: "a seller's cases in one status, the nearest response deadline first (the open-case work queue)",
      },
      casesBySellerDeadline: {
        hashKey: "deadlineSellerId",
        rangeKey: "sellerDeadline",
        serves:
          "the seller overview's due-soon figures: a seller's cases by the deadline of what the seller owes on them " +
          "(`Overview.sellerDeadline`: an answer by `respondBy`, or an open return's receipt or settlement), the " +
          "range key `<deadline>#ANSWER` or `<deadline>#RETURN` telling which, so one Query counts both (sparse: " +
          "only cases that owe the seller's move; keys only: the range key is all the count reads)",
        projection: "keys-only",
      },
      messageBodiesByRedactAfter: {
        hashKey: "redactShard",
        rangeKey: "redactAfter",
        serves:
          "the retention job: timeline messages whose body, and cases whose evidence, is past its retention " +
          "period, write-sharded (sparse: only events still holding a body and cases still holding evidence)",
      },
      casesByNextDeadline: {
        hashKey: "deadlineShard",
        rangeKey: "nextDeadlineAt",
        serves:
          "the case-deadline job: cases whose response deadline or offer expiry has come, write-sharded (sparse: " +
          "only cases with a pending deadline)",
      },
    },
  },
  Deposits: {
    name: "Deposits",
    purpose: "Security deposits with their refund applications as one item collection, and each seller's violations.",
    fields: {
      pk: "string",
      sk: "string",
      sellerId: "string",
      paidAt: "string",
      applicationStatus: "string",
      appliedAt: "string",
      redactShard: "string",
      redactAfter: "string",
    },
    primaryIndex: { hashKey: "pk", rangeKey: "sk" },
    globalIndexes: {
      depositsBySellerPaidAt: {
        hashKey: "sellerId",
        rangeKey: "paidAt",
        serves: "a seller's deposits, newest first",
      },
      refundApplicationsByStatus: {
        hashKey: "applicationStatus",
        rangeKey: "appliedAt",
        serves:
          "the operator's review queue: refund applications in one status, oldest first (only application items " +
          "carry the keys; a decided application leaves the PENDING partition)",
      },
      refundApplicationsBySeller: {
        hashKey: "sellerId",
        rangeKey: "appliedAt",
        serves:
          "`Deposit.refundApplications` for a page of a seller's deposits in one Query: the seller's refund " +
          "applications, oldest first (only application items carry `appliedAt`)",
      },
      evidenceByRedactAfter: {
        hashKey: "redactShard",
        rangeKey: "redactAfter",
        serves:
          "the retention job: refund applications whose evidence references are past their retention period, " +
          "write-sharded (sparse: only applications still holding references)",
      },
    },
  },
  ApiKeys: {
    name: "ApiKeys",
    purpose: "API keys, stored only as the SHA-256 hash of the secret, with role and grant.",
    fields: { keyHash: "string", listing: "string", keyId: "string" },
    primaryIndex: { hashKey: "keyHash" },
    globalIndexes: {
      apiKeysByKeyId: {
        hashKey: "listing",
        rangeKey: "keyId",
        serves:
          "operators' key list in creation order (key ids are ULIDs) and finding a key by id to revoke it; never " +
          "the secret",
      },
    },
  },
  Idempotency: {
    name: "Idempotency",
    purpose: "Idempotency records per principal + mutation + key: the completed payload, written with the effect.",
    fields: { pk: "string" },
    primaryIndex: { hashKey: "pk" },
    globalIndexes: {},
    ttl: "expiresAtEpoch",
  },
  WebhookEndpoints: {
    name: "WebhookEndpoints",
    purpose:
      "Webhook endpoints, one item collection per scope (a seller, or the operators), with their signing secrets " +
      "sealed, and one counter per scope that caps them.",
    fields: { pk: "string", sk: "string", ownerKeyId: "string" },
    primaryIndex: { hashKey: "pk", rangeKey: "sk" },
    globalIndexes: {
      webhookEndpointsByOwner: {
        hashKey: "ownerKeyId",
        rangeKey: "sk",
        projection: "keys-only",
        serves:
          "revoking a key: the endpoints it registered, in every scope (sparse: only endpoint items carry " +
          "`ownerKeyId`, never a scope's counter); each is then read again consistently",
      },
    },
  },
  Events: {
    name: "Events",
    purpose:
      "The event log (docs/events.md): one item per state change worth knowing, written in the change's " +
      "transaction; per seller (`SELLER#<id>`) or operator-level (`OPERATORS`), in event-id (ULID) order; kept " +
      "30 days (TTL); streamed to the webhook dispatcher.",
    fields: { pk: "string", sk: "string" },
    primaryIndex: { hashKey: "pk", rangeKey: "sk" },
    globalIndexes: {},
    ttl: "expiresAtEpoch",
    stream: "new-image",
  },
  WebhookDeliveries: {
    name: "WebhookDeliveries",
    purpose:
      "Webhook deliveries, one per (event, endpoint), grouped by (endpoint, object) in version order: the retry " +
      "queue and the delivery log; each group's lease and each endpoint's failing streak.",
    fields: {
      pk: "string",
      sk: "string",
      dueShard: "string",
      nextAttemptAt: "string",
      endpointId: "string",
      logKey: "string",
    },
    primaryIndex: { hashKey: "pk", rangeKey: "sk" },
    globalIndexes: {
      deliveriesDue: {
        hashKey: "dueShard",
        rangeKey: "nextAttemptAt",
        serves:
          "the webhook retry job: deliveries whose next attempt has come, write-sharded (sparse: only deliveries " +
          "not yet delivered nor given up)",
      },
      deliveriesByEndpoint: {
        hashKey: "endpointId",
        rangeKey: "logKey",
        serves:
          "`webhookDeliveries`: an endpoint's delivery log by event id (newest first), one event's deliveries by " +
          "prefix (only deliveries carry `logKey`)",
      },
    },
    ttl: "expiresAtEpoch",
  },
};
