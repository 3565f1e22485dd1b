import * as z from "zod";
import { Cases, Errors, Stats, Time, type Case, type Result } from "@seller-ops/core";
import { CasesRepo, StatsRepo } from "@seller-ops/db";
import { ulid } from "ulid";
import type { Context } from "../context";
import { forbidden } from "../errors";
import { mutationInput, type MutationSpec } from "../mutation";
import { loadCaseForWrite, loadOrderForCase } from "./load";

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
    if (error instanceof Cases.RoleForbidden) throw forbidden(error.message);
    throw error;
  }
}

const versionConflict = async () => [
  Errors.userError("VERSION_CONFLICT", "The case or its order changed while this request was running; reload and retry.", ["input", "expectedVersion"]),
];

function caseChange<S extends z.ZodType<{ caseId: string }>>(
  name: string,
  input: S,
  decide: (args: { ctx: Context; case: Case; order: Parameters<typeof Cases.recordRemedy>[1]; input: z.output<S>; roles: Cases.ActorRole[] }) => Result<Cases.Change>,
): MutationSpec<S, CasePayload> {
  return {
    name,
    input,
    refusedPayload: { case: null },
    async execute(ctx, parsed) {
      const loaded = await loadCaseForWrite(ctx, parsed.caseId);
      if ("errors" in loaded) return { kind: "refused", errors: loaded.errors };
      const roles = Cases.rolesOf(ctx.principal);
      const decided = asCaller(() => decide({ ctx, case: loaded.case, order: loaded.order, input: parsed, roles }));
      if (!decided.ok) return { kind: "refused", errors: decided.errors };
      const change = decided.value;
      const deltas = Stats.caseDeltas(loaded.case, change.case, loaded.order, loaded.seller.timeZone);
      const order = Cases.orderAfter(loaded.order, change, loaded.case, ctx.now);
      return {
        kind: "write",
        writes: [...CasesRepo.changeWrites(ctx.db, loaded.case, change, loaded.order, order), ...StatsRepo.counterWrites(ctx.db, loaded.seller.id, deltas)],
        payload: { case: change.case },
        onConditionFailed: versionConflict,
      };
    },
  };
}

const OpenCaseInput = mutationInput(Cases.OpenInput);

export const openCase: MutationSpec<typeof OpenCaseInput, CasePayload> = {
  name: "openCase",
  input: OpenCaseInput,
  refusedPayload: { case: null },
  async execute(ctx, input) {
    const loaded = await loadOrderForCase(ctx, input.orderId);
    if ("errors" in loaded) return { kind: "refused", errors: loaded.errors };
    const { idempotencyKey: _key, ...caseInput } = input;
    const decided = asCaller(() =>
      Cases.open({ id: ulid(Time.toMs(ctx.now)), order: loaded.order, input: caseInput, roles: Cases.rolesOf(ctx.principal), now: ctx.now, rules: ctx.config.caseRules }),
    );
    if (!decided.ok) return { kind: "refused", errors: decided.errors };
    const opened = decided.value;
    const order = Cases.orderAfter(loaded.order, { case: opened.case, order: null }, null, ctx.now)!;
    return {
      kind: "write",
      writes: [
        ...CasesRepo.openCaseWrites(ctx.db, opened, { before: loaded.order, after: order }),
        ...StatsRepo.counterWrites(ctx.db, loaded.seller.id, Stats.caseDeltas(null, opened.case, loaded.order, loaded.seller.timeZone)),
      ],
      payload: { case: opened.case },
      // Only the order's version can fail (the case id is new): someone changed the order meanwhile.
      onConditionFailed: versionConflict,
    };
  },
};

export const postCaseMessage = caseChange("postCaseMessage", mutationInput(Cases.MessageInput), ({ ctx, case: c, input, roles }) =>
  Cases.postMessage(c, input, roles, ctx.now, ctx.config.caseRules),
);

export const recordRemedy = caseChange("recordRemedy", mutationInput(Cases.RemedyInput), ({ ctx, case: c, order, input, roles }) =>
  Cases.recordRemedy(c, order, input, ulid(Time.toMs(ctx.now)), roles, ctx.now),
);

export const makeCompensationOffer = caseChange("makeCompensationOffer", mutationInput(Cases.OfferInput), ({ ctx, case: c, order, input, roles }) =>
  Cases.makeOffer(c, order, input, ulid(Time.toMs(ctx.now)), roles, ctx.now, ctx.config.caseRules),
);

export const respondToCompensationOffer = caseChange(
  "respondToCompensationOffer",
  mutationInput(Cases.RespondInput),
  ({ ctx, case: c, order, input, roles }) => Cases.respondToOffer(c, order, input, roles, ctx.now, ctx.config.caseRules),
);

export const withdrawCompensationOffer = caseChange("withdrawCompensationOffer", mutationInput(Cases.WithdrawInput), ({ ctx, case: c, input, roles }) =>
  Cases.withdrawOffer(c, input, roles, ctx.now),
);

export const escalateCase = caseChange("escalateCase", mutationInput(Cases.EscalateInput), ({ ctx, case: c, input, roles }) =>
  Cases.escalate(c, input, roles, ctx.now),
);

export const resolveCase = caseChange("resolveCase", mutationInput(Cases.ResolveInput), ({ ctx, case: c, input, roles }) =>
  Cases.resolve(c, input, roles, ctx.now),
);

export const closeCase = caseChange("closeCase", mutationInput(Cases.CloseInput), ({ ctx, case: c, input, roles }) => Cases.close(c, input, roles, ctx.now));
