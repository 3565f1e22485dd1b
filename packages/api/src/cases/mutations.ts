import type * as z from "zod/mini";
import { Cases, Events, Stats, type Case, type Order, type Result, type UserError } from "@seller-ops/core";
import { CasesRepo, MAX_PAGE_SIZE, OverviewRepo, StatsRepo, type Page } from "@seller-ops/db";
import type { Context } from "../context";
import { forbidden } from "../errors";
import { mutationInput, type LazyInput, type MutationSpec } from "../mutation";
import { loadCaseForWrite, loadOrderForCase } from "./load";
import { caseChangeConflict, primeWritten, versionConflict } from "./written";

/**
 * Case mutations: load the case with its order, ask core's state machine and policies, write the
 * case, its timeline event, the order's money totals and the seller's counters in one
 * transaction under their versions.
 */

type CasePayload = { case: Case | null };

/** Core refuses a wrong role by throwing: the caller cannot fix that in the input. */
function asCaller<T>(decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (error instanceof Cases.RoleForbidden) throw forbidden(error.text);
    throw error;
  }
}

type Loaded = { case: Case; order: Order };

/** What a case mutation adds to its verb: see `caseChange`. */
interface CaseChangeOptions<I, C, P, R> {
  /** The payload when it names more than the case. */
  answer?: { refused: P; payload: (change: C) => P };
  /** What the verb needs read besides the case and its order. */
  reads?: (ctx: Context, loaded: Loaded, input: I) => Promise<R>;
  /**
   * The verb answers the pending offer itself (accepts, declines or withdraws it): it decides on the stored case and
   * refuses an offer past `expiresAt` (OFFER_EXPIRED), recording nothing, rather than act on the case as it reads.
   */
  answersOffer?: true;
  /**
   * Whether a refusal may rest on what `reads` took from an index that lags a write of a moment ago: answered, but
   * not kept under the idempotency key (`fromLaggingRead`), so a retry decides again.
   */
  refusalMayLag?: (loaded: Loaded, errors: readonly UserError[]) => boolean;
}

/**
 * A mutation that decides on an existing case with one of core's case verbs. Every verb is given
 * the same arguments (the case and its order, the input, the caller's roles, the instant, the
 * rules, an id for what it adds, and the credential's id); each takes what it needs, and a verb that
 * needs more has it read by `reads`. The payload is the case, unless the mutation names more (`answer`).
 * Every verb acts on the case as it reads (`Cases.afterLapse`): a pending offer past `expiresAt` that the
 * case-deadline job has not recorded yet is recorded EXPIRED first, in the same transaction, with its own timeline
 * entry and OFFER_LAPSED event, as the job would; except a verb that answers the offer itself (`answersOffer`).
 * A verb's answer that the request is already done (`Cases.AlreadyDone`: a retry under another key)
 * writes nothing and tells no event.
 */
export function caseChange<
  I extends { caseId: string; expectedVersion?: number | null },
  C extends Cases.Change | Cases.AlreadyDone = Cases.Change | Cases.AlreadyDone,
  P extends CasePayload = CasePayload,
  R extends object = object,
>(
  name: string,
  inputSchema: LazyInput & z.ZodMiniType<I>,
  verb: (args: Cases.CaseVerbArgs<I> & Cases.CreatesArgs & Cases.SubmitterArgs & R) => Result<C>,
  options: CaseChangeOptions<I, C, P, R> = {},
) {
  const answer = options.answer ?? {
    refused: { case: null } as P,
    payload: (change: C) => ({ case: change.case }) as P,
  };
  const { reads } = options;
  const decide = options.answersOffer ? verb : Cases.afterLapse(verb);
  const schema = mutationInput(inputSchema);
  const spec: MutationSpec<typeof schema, P> = {
    name,
    input: schema,
    refusedPayload: answer.refused,
    async execute(ctx, parsed) {
      // The schema is the verb's own input schema plus the idempotency key, which the pipeline took off.
      const input = parsed as I;
      const read = await loadCaseForWrite(ctx, input.caseId);
      if (!read.ok) return { kind: "refused", errors: read.errors };
      const loaded = read.value;
      const roles = Cases.rolesOf(ctx.principal);
      const more = reads ? await reads(ctx, loaded, input) : ({} as R);
      const args = {
        ...more,
        case: loaded.case,
        order: loaded.order,
        input,
        roles,
        now: ctx.now,
        rules: ctx.config.caseRules,
        id: ctx.newId(),
        submittedBy: ctx.principal.principalId,
      };
      const decided = asCaller(() => decide(args));
      if (!decided.ok) {
        const fromLaggingRead = options.refusalMayLag?.(loaded, decided.errors) ?? false;
        return { kind: "refused", errors: decided.errors, fromLaggingRead };
      }
      const change = decided.value;
      if (Cases.isAlreadyDone(change)) {
        // Nothing written: the payload reads the case and order as this request read them, strongly.
        primeWritten(ctx, change.case, loaded.order);
        return { kind: "performed", payload: answer.payload(change) };
      }
      const deltas = Stats.caseDeltas(loaded.case, change.case, loaded.order, loaded.seller.timeZone);
      const order = Cases.orderAfter({ orderBefore: loaded.order, change, caseBefore: loaded.case, now: ctx.now });
      const writes = [
        ...CasesRepo.changeWrites(ctx.db, loaded.case, change, loaded.order, order),
        ...StatsRepo.counterWrites(ctx.db, loaded.seller.id, deltas),
        ...OverviewRepo.caseChangeWrites(ctx.db, {
          caseBefore: loaded.case,
          caseAfter: change.case,
          orderBefore: loaded.order,
          orderAfter: order,
        }),
      ];
      return {
        kind: "write",
        writes,
        events: [
          ...Events.caseChangeEvents(loaded.case, change),
          ...Events.orderMoneyEvents({ before: loaded.order, after: order }),
        ],
        payload: answer.payload(change),
        onConditionFailed: (failed) => caseChangeConflict(ctx, writes, failed, loaded.case),
        landed: () => primeWritten(ctx, change.case, order ?? loaded.order),
      };
    },
  };
  return spec;
}

const OpenCaseInput = mutationInput(Cases.OpenCaseInput);

export const openCase: MutationSpec<typeof OpenCaseInput, CasePayload> = {
  name: "openCase",
  input: OpenCaseInput,
  refusedPayload: { case: null },
  async execute(ctx, input) {
    const read = await loadOrderForCase(ctx, input.orderId);
    if (!read.ok) return { kind: "refused", errors: read.errors };
    const loaded = read.value;
    const decided = asCaller(() =>
      Cases.open({
        id: ctx.newId(),
        order: loaded.order,
        openCaseOpeners: loaded.openCaseOpeners,
        openBuyerCases: loaded.openBuyerCases,
        input,
        roles: Cases.rolesOf(ctx.principal),
        now: ctx.now,
        rules: ctx.config.caseRules,
      }),
    );
    if (!decided.ok) return { kind: "refused", errors: decided.errors };
    const opened = decided.value;
    // The OPENED entry names who opened the case: the order lists the platform's apart, for its own cap.
    const order = Cases.orderAfter({
      orderBefore: loaded.order,
      change: { case: opened.case, order: null, event: opened.events[0] },
      caseBefore: null,
      now: ctx.now,
    })!;
    return {
      kind: "write",
      writes: [
        ...CasesRepo.openCaseWrites(ctx.db, opened, { before: loaded.order, after: order }),
        ...StatsRepo.counterWrites(
          ctx.db,
          loaded.seller.id,
          Stats.caseDeltas(null, opened.case, loaded.order, loaded.seller.timeZone),
        ),
        ...OverviewRepo.caseChangeWrites(ctx.db, {
          caseBefore: null,
          caseAfter: opened.case,
          orderBefore: loaded.order,
          orderAfter: order,
        }),
      ],
      events: [Events.caseEvent({ type: "CASE_OPENED", case: opened.case })],
      payload: { case: opened.case },
      // Only the order's version can fail (the case id is new): someone changed the order meanwhile.
      onConditionFailed: versionConflict,
      landed: () => primeWritten(ctx, opened.case, order),
    };
  },
};

export const postCaseMessage = caseChange("postCaseMessage", Cases.PostCaseMessageInput, Cases.postMessage);
/**
 * The order's cases besides `caseId`. Read from the order's index, which may lag a write of a moment ago; what is
 * checked on the case itself is read consistently.
 */
export async function casesOfOrderBesides(
  ctx: Context,
  at: { sellerId: string; orderId: string; caseId: string },
): Promise<Case[]> {
  const cases: Case[] = [];
  let after: Page<Case>["resumeKey"] = null;
  do {
    const page = await CasesRepo.listCases(ctx.db, {
      sellerId: at.sellerId,
      filter: { orderId: at.orderId },
      page: { first: MAX_PAGE_SIZE, after },
    });
    cases.push(...page.items.map((i) => i.item).filter((c) => c.id !== at.caseId));
    after = page.resumeKey;
  } while (after);
  return cases;
}

/**
 * The order's cases besides the loaded one, each read by its key strongly consistent, for a decision about money. The
 * cases whose ids the order itself names (its late-shipment incident, by the id the late-order job gives it or as the
 * order links it, and its open cases) are read at once, alongside the order's index; the index, which may lag a write
 * of a moment ago, only tells which other cases exist, and those are read again by key, as their remedies and offers
 * may have moved since its copy. A case opened and ended within the index's lag is the only one missed.
 */
export async function casesOfOrderByKey(ctx: Context, loaded: Loaded): Promise<Case[]> {
  const { order } = loaded;
  const named = [Cases.lateShipmentCaseId(order.id), order.lateShipmentCaseId, ...order.openCaseIds];
  const known = [...new Set(named)].filter((id): id is string => !!id && id !== loaded.case.id);
  const [listed, read] = await Promise.all([
    casesOfOrderBesides(ctx, besides(loaded)),
    known.length > 0 ? CasesRepo.batchGetCases(ctx.db, known, { consistent: true }) : [],
  ]);
  const unread = listed.map((c) => c.id).filter((id) => !known.includes(id));
  const more = unread.length > 0 ? await CasesRepo.batchGetCases(ctx.db, unread, { consistent: true }) : [];
  return [...read, ...more].filter((c): c is Case => c !== null && c.orderId === order.id);
}

const besides = (loaded: Loaded) => ({
  sellerId: loaded.case.sellerId,
  orderId: loaded.order.id,
  caseId: loaded.case.id,
});

/**
 * The order's other cases, for a refund recorded with a reference: the marketplace's refund id names one refund of
 * the order, on whichever case it was recorded. Read from the order's index, which may lag a write of a moment ago:
 * what it misses, or what another case records at the same time, fails the order's guard of the reference in the
 * transaction (`RefundGuardsRepo`, `caseChangeConflict`). The index is still read for refunds recorded before
 * guards existed, which have none. The same refund sent again to its own case is checked on the case, read
 * consistently.
 */
async function otherCasesOfOrder(
  ctx: Context,
  loaded: Loaded,
  input: Cases.RecordRemedyInput,
): Promise<Cases.OrderCasesArgs> {
  if (!input.reference || !Cases.REFUND_REMEDIES.includes(input.kind)) return {};
  return { otherCasesOfOrder: await casesOfOrderBesides(ctx, besides(loaded)) };
}

export const recordRemedy = caseChange("recordRemedy", Cases.RecordRemedyInput, Cases.recordRemedy, {
  reads: otherCasesOfOrder,
});
export const makeCompensationOffer = caseChange(
  "makeCompensationOffer",
  Cases.MakeCompensationOfferInput,
  Cases.makeOffer,
);
export const respondToCompensationOffer = caseChange(
  "respondToCompensationOffer",
  Cases.RespondToCompensationOfferInput,
  Cases.respondToOffer,
  { answersOffer: true },
);
export const withdrawCompensationOffer = caseChange(
  "withdrawCompensationOffer",
  Cases.WithdrawCompensationOfferInput,
  Cases.withdrawOffer,
  { answersOffer: true },
);
export const escalateCase = caseChange("escalateCase", Cases.EscalateCaseInput, Cases.escalate);
/**
 * The order's other cases, for a buyer's claim about the delay: what was given back on the order's other cases about
 * it (refunds, accepted money-back offers, the platform's refund) counts toward the claim
 * (`Cases.refundedTowardClaim`), for the seller's refund outcome and the decision's default.
 * Money is decided on them, so they are read strongly consistent (`casesOfOrderByKey`).
 */
async function casesTowardClaim(ctx: Context, loaded: Loaded): Promise<Cases.OrderCasesArgs> {
  if (!Cases.claimCountsOtherCases(loaded.case)) return {};
  return { otherCasesOfOrder: await casesOfOrderByKey(ctx, loaded) };
}

/**
 * Whether a refusal of `resolveCase` is one the order's other cases decide: a seller's refund outcome the refunds do
 * not back or cover (INVALID_TRANSITION on the outcome), a decision's default held by returns (AMOUNT_ABOVE_POLICY on
 * the platform's refund). A case the order's index does not list yet, opened and ended a moment ago, may be what would
 * have allowed it. The state machine's refusals name no field, and are kept.
 */
function refusedOnOtherCases(loaded: Loaded, errors: readonly UserError[]): boolean {
  if (!Cases.claimCountsOtherCases(loaded.case)) return false;
  return errors.some(
    (e) =>
      (e.code === "INVALID_TRANSITION" && e.field?.join(".") === "input.outcome") ||
      (e.code === "AMOUNT_ABOVE_POLICY" && e.field?.join(".") === "input.platformRefund"),
  );
}

export const resolveCase = caseChange("resolveCase", Cases.ResolveCaseInput, Cases.resolve, {
  reads: casesTowardClaim,
  refusalMayLag: refusedOnOtherCases,
});
export const closeCase = caseChange("closeCase", Cases.CloseCaseInput, Cases.close);

type EvidencePayload = { case: Case | null; evidence: Cases.Evidence | null };

/** One side's evidence; the payload names the new piece too. */
export const submitCaseEvidence = caseChange(
  "submitCaseEvidence",
  Cases.SubmitCaseEvidenceInput,
  Cases.submitEvidence,
  {
    answer: {
      refused: { case: null, evidence: null } as EvidencePayload,
      payload: (change): EvidencePayload => ({ case: change.case, evidence: change.evidence }),
    },
  },
);
