import { Deposits, type Deposit, type DepositEligibility, type Seller } from "@seller-ops/core";
import { DepositsRepo } from "@seller-ops/db";
import type { Context } from "../context";
import { writerForSeller } from "../language";

/** What `depositRefundEligibility` answers: core's assessment plus what it was about and when. */
export type EligibilityAnswer = DepositEligibility & { depositId: string; assessedAt: string };

/**
 * Assesses a deposit's refund eligibility at the request's instant: core names the window of
 * counters and violations that matter, the repository reads exactly that (two Queries, never all the
 * seller's orders; a third once a limited term ended, for its orders recorded late; a few more at a term's edges, or
 * when the term opened a quality dispute), core decides.
 * `forWrite`, when a write decides on the answer (an application): the counters and violations are read strongly
 * consistently (`DepositsRepo.readEligibilityInputs`), so what was recorded a moment before counts; the eligibility
 * query reads them eventually consistently, at half the read capacity.
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
  const inputs = await DepositsRepo.readEligibilityInputs(ctx.db, deposit, window, { consistent: options.forWrite });
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
