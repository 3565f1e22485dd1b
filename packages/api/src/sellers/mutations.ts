import { Errors, Sellers, type Seller } from "@seller-ops/core";
import { SellersRepo } from "@seller-ops/db";
import type { Context } from "../context";
import { forbidden } from "../errors";
import { mutationInput, runMutation, type MutationSpec } from "../mutation";

const CreateInput = mutationInput(Sellers.CreateInput);

/**
 * Onboards a seller: sellers are created by the platform, so operators only. The operator may
 * choose the id (the marketplace's own seller id, say); otherwise it is `sel_<ULID>`.
 */
export const createSeller: MutationSpec<typeof CreateInput, { seller: Seller | null }> = {
  name: "createSeller",
  input: CreateInput,
  refusedPayload: { seller: null },
  async execute(ctx, input) {
    const seller = Sellers.create({ input, generatedId: `sel_${ctx.newId()}`, now: ctx.now });
    return {
      kind: "write",
      writes: [SellersRepo.createSellerWrite(ctx.db, seller)],
      payload: { seller },
      async onConditionFailed() {
        return [
          Errors.userError("DUPLICATE_SELLER", `A seller with the id ${seller.id} already exists.`, ["input", "id"]),
        ];
      },
    };
  },
};

export function createSellerMutation(ctx: Context, input: unknown) {
  if (ctx.principal.role !== "OPERATOR") throw forbidden("Only operators create sellers.");
  return runMutation(ctx, createSeller, input);
}
