import DataLoader from "dataloader";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import {
  Auth,
  Deposits,
  Errors,
  I18n,
  Inputs,
  Sellers,
  Stats,
  Time,
  type Case,
  type Deposit,
  type DepositRefundApplication,
  type DepositViolation,
  type Order,
  type Principal,
  type Seller,
} from "@seller-ops/core";
import {
  ApiKeys,
  batchGetItems,
  CasesRepo,
  DepositsRepo,
  newQueryBudget,
  OrdersRepo,
  SellersRepo,
  StatsRepo,
  type ById,
  type Db,
  type ItemRead,
} from "@seller-ops/db";
import { ulid } from "ulid";
import type { ApiConfig } from "./config";
import { badUserInput, forbidden, noteRequestOfError, unauthenticated, type RequestScope } from "./errors";
import { actedFor, requestedLanguage } from "./language";
import type { Logger } from "./log";

/** What the API is built from; the Lambda entry point supplies the real ones, tests their own clock. */
export interface ApiDeps {
  db: Db;
  config: ApiConfig;
  /** The injected clock: every rule reads time from here. */
  clock: () => Date;
  logger: Logger;
}

/**
 * Per-request loaders: one BatchGetItem per tick for every read by id, whatever the tables (or one
 * Query per key), never one read per list item.
 */
export interface Loaders {
  orderById: DataLoader<string, Order | null>;
  sellerById: DataLoader<string, Seller | null>;
  caseById: DataLoader<string, Case | null>;
  depositById: DataLoader<string, Deposit | null>;
  /** A seller's daily counters summed over its last N calendar days (`sellerId|N`): one Query per seller and window. */
  sellerWindow: DataLoader<string, Stats.Window>;
  /**
   * A deposit's refund applications, oldest first: one Query per seller for all the deposits
   * asked in a tick (a page of deposits is one seller's), never one per deposit.
   */
  refundApplicationsByDeposit: DataLoader<Pick<Deposit, "id" | "sellerId">, DepositRefundApplication[], string>;
  /** A seller's violations of the last 12 months: one Query per seller. */
  violationsBySeller: DataLoader<string, DepositViolation[]>;
}

/**
 * How much of the invocation new work leaves for itself and the answer: none begins (a mutation decided again after a
 * lost race, mutation.ts; an import's next order, orders/mutations.ts) with less than this left of the function's
 * time. What is begun before still fits: its reads, a transaction with its own conflict retries (at most 6.5 s,
 * db/src/transact.ts) and the answer; so a slow request is answered, not cut off unanswered at the timeout (29 s,
 * stacks/wiring.ts, so new work stops 19 s in). The time is the invocation's, as Lambda gives it, for all of a
 * document's mutation fields together: GraphQL runs them one after another.
 */
export const WORK_MARGIN_MS = 10_000;

/** Whether new work may still begin: more than `WORK_MARGIN_MS` of the invocation is left (`workUntilMs`). */
export const withinWorkWindow = (ctx: Pick<Context, "workUntilMs">): boolean => performance.now() < ctx.workUntilMs;

/**
 * Until when, in real time (`performance.now()`), new work may begin in an invocation that has `remainingMs` left
 * now; one with no deadline (a caller that gives no Lambda context) has no end.
 */
export const workUntil = (remainingMs: number | undefined): number =>
  remainingMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + remainingMs - WORK_MARGIN_MS;

export interface Context {
  requestId: string;
  principal: Principal;
  /**
   * The instant this request is served at: late / at-risk / time left all use the same one. A mutation decided again
   * after a lost race moves it to that decision's instant (mutation.ts).
   */
  now: string;
  clock: () => string;
  /** A new id (a ULID of `now`): ids of what a request creates sort by when it was created. */
  newId: () => string;
  db: Db;
  config: ApiConfig;
  loaders: Loaders;
  logger: Logger;
  /** The language the request's `Accept-Language` asks for (one we speak), or null: see language.ts. */
  requestedLanguage: I18n.Language | null;
  /**
   * Until when, in real time (`performance.now()`), not `now`, new work may begin: `WORK_MARGIN_MS` before the
   * invocation's end (`withinWorkWindow`).
   */
  workUntilMs: number;
}

export function createLoaders(
  db: Db,
  now: string,
  depositRules: Deposits.DepositRules = Deposits.defaultDepositRules,
): Loaders {
  // Reads by id of every kind go out together: the loaders below hand their keys to this one in the
  // same tick, so a case page's orders and their seller (its language and clock for the texts) are
  // one BatchGetItem across both tables, not one per table. It caches nothing: the typed loaders do.
  const items = new DataLoader<ItemRead, { id: string } | null, string>((reads) => batchGetItems(db, reads), {
    cache: false,
    maxBatchSize: 100,
  });
  // An id longer than any the API issues names nothing, and is answered as one that does not exist: sent as a
  // key, DynamoDB would refuse it and fail the whole batch, the other ids of the request with it.
  const byId = <T extends { id: string }>(kind: ById<T>) =>
    new DataLoader<string, T | null>(async (ids) => {
      const found = await items.loadMany(ids.filter(Inputs.couldBeId).map((id) => ({ kind: kind as ById, id })));
      let next = 0;
      return ids.map((id) => (Inputs.couldBeId(id) ? found[next++] : null)) as (T | null | Error)[];
    });
  const sellerById = byId(SellersRepo.byId);
  return {
    orderById: byId(OrdersRepo.byId),
    sellerById,
    caseById: byId(CasesRepo.byId),
    depositById: byId(DepositsRepo.byId),
    sellerWindow: new DataLoader((keys) =>
      Promise.all(
        keys.map(async (key) => {
          const [sellerId, days] = key.split("|") as [string, string];
          // The seller's own calendar days: its counters are kept in its time zone.
          const timeZone = (await sellerById.load(sellerId))?.timeZone ?? "UTC";
          const today = Time.dayOf(now, timeZone);
          const from = Time.addDays(today, -(Number(days) - 1));
          // The sales exactly: a window of the largest orders passes 2^53 − 1 minor units, and risk must still read.
          const { counters, salesByDay } = await StatsRepo.readDaysWithExactSales(db, sellerId, from, today);
          return Stats.sumWindow(Object.values(counters), Object.values(salesByDay));
        }),
      ),
    ),
    refundApplicationsByDeposit: new DataLoader(
      async (deposits) => {
        const sellerIds = [...new Set(deposits.map((d) => d.sellerId))];
        const bySeller = await Promise.all(
          sellerIds.map((sellerId) => DepositsRepo.listApplicationsOfSeller(db, sellerId)),
        );
        const byDeposit = new Map<string, DepositRefundApplication[]>();
        for (const application of bySeller.flat())
          byDeposit.set(application.depositId, [...(byDeposit.get(application.depositId) ?? []), application]);
        // Same appliedAt (one instant): the ULID in the id breaks the tie, as the deposit's own item collection sorts
        // them.
        return deposits.map((d) =>
          (byDeposit.get(d.id) ?? []).sort((a, b) =>
            a.appliedAt === b.appliedAt ? (a.id < b.id ? -1 : 1) : a.appliedAt < b.appliedAt ? -1 : 1,
          ),
        );
      },
      { cacheKeyFn: (deposit) => deposit.id },
    ),
    // From the bound deposit eligibility reads from: the rule counts whole calendar months on the seller's clock, and
    // a shorter read (366 days) left the seller's health without a violation its deposit was blocked by.
    violationsBySeller: new DataLoader((sellerIds) =>
      Promise.all(
        sellerIds.map((sellerId) =>
          DepositsRepo.listViolations(db, sellerId, Deposits.violationsFrom(now, depositRules)),
        ),
      ),
    ),
  };
}

const BEARER = /^Bearer\s+(\S{8,512})$/i;

type JwtEvent = APIGatewayProxyEventV2 & {
  requestContext: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
};

/**
 * The principal behind the request's credential: verified JWT claims on the frontend routes, an
 * API key otherwise. A missing, unknown or revoked key is UNAUTHENTICATED.
 *
 * `sellerClaim` names the claim of a frontend user's token that holds the seller the user works
 * for. API Gateway's JWT authorizer has verified the token (issuer, audience, signature, expiry)
 * before the event reaches us, and only routes with that authorizer carry `requestContext.authorizer.jwt`.
 */
export async function authenticate(db: Db, event: APIGatewayProxyEventV2, sellerClaim: string): Promise<Principal> {
  const claims = (event as JwtEvent).requestContext?.authorizer?.jwt?.claims;
  if (claims) {
    const sellerId = claims[sellerClaim];
    const subject = claims.sub;
    if (typeof sellerId !== "string" || !sellerId || typeof subject !== "string") {
      throw unauthenticated(`The token carries no seller: it needs the \`${sellerClaim}\` and \`sub\` claims.`);
    }
    // The claim becomes part of every key the seller's data is under, and the reserved id is the
    // platform's webhook scope: a claim no seller could have been created with names no seller.
    const checked = Sellers.SellerId.safeParse(sellerId);
    if (!checked.success || checked.data !== sellerId)
      throw unauthenticated(`The token's \`${sellerClaim}\` claim is not a seller id.`);
    return { role: "SELLER", principalId: Auth.tokenPrincipalId(subject), sellerId };
  }
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  const match = header ? BEARER.exec(header.trim()) : null;
  if (!match) throw unauthenticated();
  const principal = await ApiKeys.principalForSecret(db, match[1]!);
  if (!principal) throw unauthenticated("The API key is unknown or revoked.");
  return principal;
}

/**
 * The request's context. `scope` is the handler's record of the request: the caller is noted on it
 * for the request line, and a failure here carries it to formatError (errors.ts).
 */
export async function buildContext(
  deps: ApiDeps,
  event: APIGatewayProxyEventV2,
  scope: RequestScope,
): Promise<Context> {
  let principal: Principal;
  try {
    principal = await authenticate(deps.db, event, deps.config.jwtSellerClaim);
  } catch (error) {
    noteRequestOfError(error, scope);
    throw error;
  }
  scope.principalId = principal.principalId;
  const { requestId } = scope;
  const clock = () => deps.clock().toISOString();
  const now = clock();
  return {
    requestId,
    principal,
    now,
    clock,
    newId: () => ulid(Time.toMs(now)),
    // This request's own allowance of the extra Query calls filtered list pages may make (`queryPage`).
    db: { ...deps.db, queryBudget: newQueryBudget() },
    config: deps.config,
    loaders: createLoaders(deps.db, now, deps.config.depositRules),
    requestedLanguage: requestedLanguage(event),
    workUntilMs: scope.workUntilMs ?? Number.POSITIVE_INFINITY,
    logger: deps.logger.child({ requestId, principalId: principal.principalId, role: principal.role }),
  };
}

/** The seller a request acts for (see `Auth.actingSeller`); refusals are top-level errors. */
export function actingSellerId(ctx: Context, requested: string | null | undefined, access: Auth.Access): string {
  // An id no seller can have names no seller: refused as such, before an operator's or an all-sellers key's
  // list puts it in a Query key (past 2,048 bytes AWS refuses the Query, a masked 500).
  if (requested != null && !Sellers.couldBeSellerId(requested))
    throw badUserInput(I18n.text("refusal.request.sellerIdInvalid", {}), "sellerId");
  const result = Auth.actingSeller(ctx.principal, requested, access);
  if (result.ok) {
    actedFor(ctx, result.sellerId);
    return result.sellerId;
  }
  switch (result.reason) {
    case "FORBIDDEN":
      throw forbidden(I18n.text("refusal.request.sellerForbidden", {}));
    case "SELLER_REQUIRED":
      throw badUserInput(I18n.text("refusal.request.sellerRequired", {}), "sellerId");
    default:
      return Errors.assertNever(result.reason);
  }
}
