import {
  Deposits,
  Errors,
  Events,
  I18n,
  type Deposit,
  type DepositRefundApplication,
  type DepositViolation,
  type Result,
  type Seller,
  type UserError,
} from "@seller-ops/core";
import { DepositsRepo, type Db, type TransactItem } from "@seller-ops/db";
import { actingSellerId, type Context } from "../context";
import { mutationInput, type Effect, type MutationSpec } from "../mutation";
import { loadSellerForWrite } from "../sellers/load";
import { assessEligibility } from "./eligibility";
import { loadDepositForWrite } from "./load";

/**
 * Deposit mutations: load, let core decide (`record`, `recordViolation`, `voidViolation`, `applyForRefund`,
 * `decideRefund`), write in one transaction under the versions read. Who may call them is
 * checked in the resolvers before the input is even parsed: violations and decisions are
 * operator-only, applications are the seller's side.
 */

type DepositPayload = { deposit: Deposit | null };
type ViolationPayload = { violation: DepositViolation | null };
type ApplicationPayload = { application: DepositRefundApplication | null; deposit: Deposit | null };

/**
 * What recording a deposit and recording a violation share: the seller loaded for a write, core's
 * decision for that seller, and its new items written if absent. The id is fresh, so a failed
 * condition is a bug unless `refusal` answers it (a deposit's payment guard, a violation's guard).
 */
async function recordForSeller<T, P>(args: {
  ctx: Context;
  name: string;
  sellerId: string;
  decide: (seller: Seller) => Result<T>;
  /** A refusal of the decided value the writes cannot see (a deposit recorded before payment guards existed). */
  check?: (value: T) => Promise<UserError | null>;
  writes: (db: Db, value: T) => TransactItem[];
  /** The answer to failed conditions that are a refusal, not a bug; null for a bug. */
  refusal?: (value: T, failed: number[]) => Promise<UserError | null>;
  event: (value: T) => Events.EventDraft;
  payload: (value: T) => P;
}): Promise<Effect<P>> {
  const found = await loadSellerForWrite(args.ctx, args.sellerId);
  if (!found.ok) return { kind: "refused", errors: found.errors };
  const decided = args.decide(found.value);
  if (!decided.ok) return { kind: "refused", errors: decided.errors };
  const value = decided.value;
  const refused = args.check ? await args.check(value) : null;
  if (refused) return { kind: "refused", errors: [refused] };
  return {
    kind: "write",
    writes: args.writes(args.ctx.db, value),
    events: [args.event(value)],
    payload: args.payload(value),
    async onConditionFailed(failed) {
      const refusal = args.refusal ? await args.refusal(value, failed) : null;
      if (refusal) return [refusal];
      throw new Error(`${args.name}: unexpected failed conditions ${failed.join(",")}`);
    },
  };
}

const RecordDepositInput = mutationInput(Deposits.RecordDepositInput);

/** DUPLICATE_DEPOSIT naming `existingId`, the deposit that already records this payment; null when there is none. */
const duplicateOf = (deposit: Deposit, existingId: string | null): UserError | null =>
  existingId ? Deposits.duplicate(deposit, existingId) : null;

/**
 * A deposit is one payment (`Deposits.paymentOf`): a second record of it, a retry without an idempotency key, is
 * refused with DUPLICATE_DEPOSIT naming the first. A deposit recorded before payment guards is found before the write
 * (one Query of the seller's deposits paid then); any other by the guard's condition in the transaction (a retry, or
 * a concurrent record of the same payment), and only then is the guard read, to name the deposit that got in first.
 */
export const recordDeposit: MutationSpec<typeof RecordDepositInput, DepositPayload> = {
  name: "recordDeposit",
  input: RecordDepositInput,
  refusedPayload: { deposit: null },
  execute: (ctx, input) =>
    recordForSeller({
      ctx,
      name: "recordDeposit",
      sellerId: actingSellerId(ctx, input.sellerId, "WRITE"),
      decide: (seller) =>
        Deposits.record({
          id: ctx.newId(),
          sellerId: seller.id,
          settlementCurrency: seller.settlementCurrency,
          input,
          now: ctx.now,
          rules: ctx.config.depositRules,
        }),
      check: async (deposit) => duplicateOf(deposit, await DepositsRepo.findUnguardedDepositOfPayment(ctx.db, deposit)),
      writes: DepositsRepo.recordNewDepositWrites,
      refusal: async (deposit, failed) =>
        failed.includes(DepositsRepo.DUPLICATE_PAYMENT_INDEX)
          ? duplicateOf(deposit, await DepositsRepo.findGuardedDepositOfPayment(ctx.db, deposit))
          : null,
      event: (deposit) => Events.depositEvent({ type: "DEPOSIT_RECORDED", deposit }),
      payload: (deposit) => ({ deposit }),
    }),
};

const RecordViolationInput = mutationInput(Deposits.RecordViolationInput);

/**
 * A violation is recorded once while in force (`Deposits.violationOf`): a second record of it, a retry without an
 * idempotency key, is refused with DUPLICATE_VIOLATION naming the first, whether found before the write (its guard,
 * or a violation recorded before guards) or by the guard's condition in the transaction (a concurrent record). Once
 * the first is voided, the same violation may be recorded again: its guard then names the new one.
 */
export const recordViolation: MutationSpec<typeof RecordViolationInput, ViolationPayload> = {
  name: "recordViolation",
  input: RecordViolationInput,
  refusedPayload: { violation: null },
  execute: (ctx, input) => {
    let voidedIds: string[] = [];
    const duplicateOf = async (violation: DepositViolation) => {
      const found = await DepositsRepo.findViolationInForce(ctx.db, violation);
      voidedIds = found.voidedIds;
      return found.existingId ? Deposits.duplicateViolation(violation, found.existingId) : null;
    };
    return recordForSeller({
      ctx,
      name: "recordViolation",
      sellerId: input.sellerId,
      decide: (seller) =>
        Deposits.recordViolation({
          id: ctx.newId(),
          sellerId: seller.id,
          input,
          now: ctx.now,
          rules: ctx.config.depositRules,
        }),
      check: duplicateOf,
      writes: (db, violation) => [
        DepositsRepo.recordViolationWrite(db, violation),
        DepositsRepo.violationGuardWrite(db, violation, voidedIds),
      ],
      refusal: async (violation, failed) =>
        failed.includes(DepositsRepo.DUPLICATE_VIOLATION_INDEX) ? duplicateOf(violation) : null,
      event: (violation) => Events.violationEvent({ violation }),
      payload: (violation) => ({ violation }),
    });
  },
};

const VoidViolationInput = mutationInput(Deposits.VoidViolationInput);

export const voidViolation: MutationSpec<typeof VoidViolationInput, ViolationPayload> = {
  name: "voidViolation",
  input: VoidViolationInput,
  refusedPayload: { violation: null },
  async execute(ctx, input) {
    const notFound = () =>
      Errors.userError("NOT_FOUND", I18n.text("error.notFound", { what: "violation" }), ["input", "violationId"]);
    const violation = await DepositsRepo.getViolation(ctx.db, input.sellerId, input.violationId, { consistent: true });
    if (!violation) return { kind: "refused", errors: [notFound()] };
    const decided = Deposits.voidViolation({
      violation,
      input,
      by: ctx.principal.principalId,
      now: ctx.now,
    });
    if (!decided.ok) return { kind: "refused", errors: decided.errors };
    return {
      kind: "write",
      writes: [DepositsRepo.voidViolationWrite(ctx.db, violation, decided.value)],
      events: [Events.violationEvent({ violation: decided.value, type: "VIOLATION_VOIDED" })],
      payload: { violation: decided.value },
      async onConditionFailed() {
        // Another void got in first (its answer is the refusal), or the violation changed: decided again.
        const now = await DepositsRepo.getViolation(ctx.db, input.sellerId, input.violationId, { consistent: true });
        if (!now) return [notFound()];
        const again = Deposits.voidViolation({ violation: now, input, by: ctx.principal.principalId, now: ctx.now });
        if (!again.ok) return again.errors;
        return [
          Errors.userError("VERSION_CONFLICT", I18n.text("refusal.changedMeanwhile", { what: "violation" }), [
            "input",
            "violationId",
          ]),
        ];
      },
    };
  },
};

const ApplyInput = mutationInput(Deposits.ApplyForRefundInput);

export const applyForDepositRefund: MutationSpec<typeof ApplyInput, ApplicationPayload> = {
  name: "applyForDepositRefund",
  input: ApplyInput,
  refusedPayload: { application: null, deposit: null },
  async execute(ctx, input) {
    const loaded = await loadDepositForWrite(ctx, input.depositId);
    if (!loaded.ok) return { kind: "refused", errors: loaded.errors };
    const { deposit, applications, seller } = loaded.value;
    // Decided on strongly consistent reads: a violation recorded a moment before must stop the application.
    const eligibility = await assessEligibility(ctx, deposit, seller, input.documents, { forWrite: true });
    const decided = Deposits.applyForRefund({
      deposit,
      eligibility,
      documents: input.documents,
      existingOpenApplication: applications.find(Deposits.isOpen) ?? null,
      id: DepositsRepo.newApplicationId(deposit.id, ctx.newId()),
      now: ctx.now,
      expectedVersion: input.expectedVersion,
    });
    if (!decided.ok) {
      // Edge orders, orders recorded late and quality disputes are read from global indexes, which may lag a write of
      // a moment before: a NOT_ELIGIBLE resting on them is not kept under the key, so a retry decides again.
      const window = Deposits.eligibilityWindow({
        deposit,
        now: ctx.now,
        timeZone: seller.timeZone,
        rules: ctx.config.depositRules,
      });
      const readsIndex =
        window.termEdges.length > 0 || window.recordedLateInTerm !== null || window.casesOpened !== null;
      const fromLaggingRead = readsIndex && decided.errors.some((e) => e.code === "NOT_ELIGIBLE");
      return { kind: "refused", errors: decided.errors, fromLaggingRead };
    }
    // The payload's deposit lists its applications from an index that may lag this write.
    ctx.loaders.refundApplicationsByDeposit
      .clear(deposit)
      .prime(decided.value.deposit, [...applications, decided.value.application]);
    return {
      kind: "write",
      writes: DepositsRepo.applyWrites(ctx.db, deposit, decided.value),
      events: [
        Events.refundApplicationEvent({ type: "REFUND_APPLICATION_MADE", application: decided.value.application }),
      ],
      payload: decided.value,
      async onConditionFailed() {
        // The deposit changed since it was read: most often a concurrent application got in first.
        const now = await DepositsRepo.getDepositWithApplications(ctx.db, deposit.id, { consistent: true });
        const open = now?.applications.find(Deposits.isOpen);
        if (open) {
          return [
            Errors.userError(
              "APPLICATION_ALREADY_OPEN",
              I18n.text("refusal.deposit.applicationOpen", { applicationId: open.id }),
              ["input", "depositId"],
            ),
          ];
        }
        return [
          Errors.userError("VERSION_CONFLICT", I18n.text("refusal.changedMeanwhile", { what: "deposit" }), [
            "input",
            "expectedVersion",
          ]),
        ];
      },
    };
  },
};

const DecideInput = mutationInput(Deposits.DecideRefundInput);

export const decideDepositRefund: MutationSpec<typeof DecideInput, ApplicationPayload> = {
  name: "decideDepositRefund",
  input: DecideInput,
  refusedPayload: { application: null, deposit: null },
  async execute(ctx, input) {
    const depositId = DepositsRepo.depositIdOfApplication(input.applicationId);
    const loaded = depositId
      ? await DepositsRepo.getDepositWithApplications(ctx.db, depositId, { consistent: true })
      : null;
    const application = loaded?.applications.find((a) => a.id === input.applicationId);
    if (!loaded || !application) {
      return {
        kind: "refused",
        errors: [
          Errors.userError("NOT_FOUND", I18n.text("error.notFound", { what: "refundApplication" }), [
            "input",
            "applicationId",
          ]),
        ],
      };
    }
    // The rules' verdict now, kept with the decision: the figures the application's recommendation rested on may have
    // moved since the seller applied (an order cancelled or refunded, a violation recorded). Read as an application
    // reads them (strongly consistent counters and violations), since the decision stores it.
    const seller = await ctx.loaders.sellerById.load(loaded.deposit.sellerId);
    if (!seller) throw new Error(`Deposit ${loaded.deposit.id} belongs to missing seller ${loaded.deposit.sellerId}.`);
    const assessed = await assessEligibility(ctx, loaded.deposit, seller, [], { forWrite: true });
    const decided = Deposits.decideRefund({
      deposit: loaded.deposit,
      application,
      decision: { outcome: input.outcome, amount: input.amount, reason: input.reason },
      recommendation: assessed.recommendation,
      now: ctx.now,
      expectedVersion: input.expectedVersion,
    });
    if (!decided.ok) return { kind: "refused", errors: decided.errors };
    const applications = loaded.applications.map((a) => (a.id === application.id ? decided.value.application : a));
    ctx.loaders.refundApplicationsByDeposit.clear(loaded.deposit).prime(decided.value.deposit, applications);
    return {
      kind: "write",
      writes: DepositsRepo.decideWrites(ctx.db, { deposit: loaded.deposit, application }, decided.value),
      events: [
        Events.refundApplicationEvent({ type: "REFUND_APPLICATION_DECIDED", application: decided.value.application }),
      ],
      payload: decided.value,
      async onConditionFailed() {
        // Another decision got in first, or the application or its deposit changed meanwhile.
        const now = await DepositsRepo.getDepositWithApplications(ctx.db, loaded.deposit.id, { consistent: true });
        const current = now?.applications.find((a) => a.id === application.id);
        if (current && !Deposits.isOpen(current)) {
          return [
            Errors.userError(
              "INVALID_TRANSITION",
              I18n.text("refusal.deposit.alreadyDecided", {
                applicationId: current.id,
                status: current.status,
                decidedAt: current.decidedAt ?? null,
              }),
            ),
          ];
        }
        return [
          Errors.userError("VERSION_CONFLICT", I18n.text("refusal.changedMeanwhile", { what: "application" }), [
            "input",
            "expectedVersion",
          ]),
        ];
      },
    };
  },
};
