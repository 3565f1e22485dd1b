import {
  Deposits,
  type Deposit,
  type DepositEligibility,
  type DepositRefundApplication,
  type Seller,
} from "@seller-ops/core";
import { DepositsRepo } from "@seller-ops/db";
import type { Context } from "../context";
import { writerForSeller } from "../language";
import { loadVisibleDeposit } from "./load";

/** What `depositRefundEligibility` answers: core's assessment plus what it was about and when. */
export type EligibilityAnswer = DepositEligibility & { depositId: string; assessedAt: string };

/**
 * Assesses a deposit's refund eligibility at the request's instant: core names the window of
 * counters and violations that matter, the repository reads exactly that (two Queries, never all the
 * seller's orders; a third once a limited term ended, for its orders recorded late; a few more at a term's edges, or
 * when the term opened a quality dispute), core decides.
 * `forWrite`, when a write decides on the answer or keeps it (an application, a decision): the counters and
 * violations are read strongly consistently (`DepositsRepo.readEligibilityInputs`), so what was recorded a moment
 * before counts; the eligibility query reads them eventually consistently, at half the read capacity.
 */
export async function assessEligibility(
  ctx: Context,
  deposit: Deposit,
  seller: Seller,
  documents: { kind: Deposits.DocumentKind }[] = [],
  options: { forWrite?: boolean } = {},
): Promise<EligibilityAnswer> {
  const rules = ctx.config.depositRules;
  const window = Deposits.eligibilityWindow({ deposit, now: ctx.now, timeZone: seller.timeZone, rules });
  const inputs = await (options.forWrite
    ? DepositsRepo.readEligibilityInputs(ctx.db, deposit, window, { consistent: true })
    : inputsReadFor(ctx, deposit, window));
  const assessed = Deposits.eligibility({
    deposit,
    ...inputs,
    now: ctx.now,
    timeZone: seller.timeZone,
    documents,
    rules,
  });
  // In the seller's language (or the one the request asks for), dates on its clock.
  const write = await writerForSeller(ctx, seller.id);
  return {
    ...assessed,
    blockers: assessed.blockers.map((blocker) => ({ ...blocker, message: write(blocker.text) })),
    progress: { ...assessed.progress, salesBasis: write(assessed.progress.salesBasisText) },
    depositId: deposit.id,
    assessedAt: ctx.now,
  };
}

/**
 * Each request's reads of a deposit's counters and violations for a query, once per deposit (at its version and the
 * request's instant): aliases of `depositRefundEligibility` for one deposit with other documents read them once. A
 * write's assessment reads them again, strongly consistently, and is never kept. A read that fails fails each alias
 * that shares it, as it would have failed each on its own.
 */
const inputsReadNow = new WeakMap<Context, Map<string, Promise<DepositsRepo.EligibilityInputs>>>();

function inputsReadFor(
  ctx: Context,
  deposit: Deposit,
  window: Deposits.EligibilityWindow,
): Promise<DepositsRepo.EligibilityInputs> {
  return oncePerRequest(inputsReadNow, ctx, `${deposit.id}#${deposit.version}#${ctx.now}`, () =>
    DepositsRepo.readEligibilityInputs(ctx.db, deposit, window),
  );
}

/** Each request's assessments of a pending application's deposit, once per deposit however often it is asked. */
const assessedNow = new WeakMap<Context, Map<string, Promise<EligibilityAnswer | null>>>();

/** The request's answer under `key` in `cache`, made by `make` the first time it is asked. */
function oncePerRequest<T>(
  cache: WeakMap<Context, Map<string, Promise<T>>>,
  ctx: Context,
  key: string,
  make: () => Promise<T>,
): Promise<T> {
  const answers = cache.get(ctx) ?? new Map<string, Promise<T>>();
  cache.set(ctx, answers);
  let answer = answers.get(key);
  if (!answer) {
    answer = make();
    answers.set(key, answer);
  }
  return answer;
}

/**
 * The eligibility of a pending application's deposit at the request's instant (`currentRecommendation`,
 * `currentEligibility`): what the operator decides on, where the application keeps the recommendation made when the
 * seller applied. Null once the application is decided (its decision keeps the verdict it was made under) or when the
 * caller may not see the deposit. Costs one assessment per deposit and request: a page of the review queue pays one
 * per application it selects it on (their deposits and sellers batched, the counters and violations read for each).
 */
export function currentEligibility(
  ctx: Context,
  application: DepositRefundApplication,
): Promise<EligibilityAnswer | null> {
  if (!Deposits.isOpen(application)) return Promise.resolve(null);
  return oncePerRequest(assessedNow, ctx, application.depositId, async () => {
    const deposit = await loadVisibleDeposit(ctx, application.depositId);
    if (!deposit) return null;
    const seller = await ctx.loaders.sellerById.load(deposit.sellerId);
    if (!seller) throw new Error(`Deposit ${deposit.id} belongs to missing seller ${deposit.sellerId}.`);
    return assessEligibility(ctx, deposit, seller);
  });
}
