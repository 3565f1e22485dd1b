import type { Remedies } from "@seller-ops/core";
import type { Resolvers } from "../generated/resolvers-types";
import { writerForSeller } from "../language";

/**
 * A remedy plan as the API answers it: each step knows its seller, so its instruction is written
 * in that seller's language and on its clock (language.ts).
 */
export type RemedyStepView = Remedies.RemedyStep & { sellerId: string };
export type RemedyPlanView = Omit<Remedies.RemedyPlan, "steps"> & { steps: RemedyStepView[] };

export function planView(plan: Remedies.RemedyPlan | null, sellerId: string): RemedyPlanView | null {
  return plan && { ...plan, steps: plan.steps.map((step) => ({ ...step, sellerId })) };
}

export const remedyResolvers: Resolvers = {
  RemedyStep: {
    instruction: async (step, _args, ctx) => (await writerForSeller(ctx, step.sellerId))(step.instruction),
  },
};
