import * as z from "zod/mini";
import { Errors, Events, I18n, Sellers, type Seller } from "@seller-ops/core";
import { SellersRepo } from "@seller-ops/db";
import { actingSellerId, type Context } from "../context";
import { forbiddenBecause } from "../errors";
import { LanguageEnumInput } from "../language";
import { mutationInput, runMutation, type MutationSpec } from "../mutation";

// The schema's Language enum (EN, ZH_CN) in place of core's codes (en, zh-CN).
const CreateInput = mutationInput(Sellers.CreateInput, { language: z.nullish(LanguageEnumInput) });

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
      events: [Events.sellerEvent({ seller })],
      payload: { seller },
      async onConditionFailed() {
        return [
          Errors.userError("DUPLICATE_SELLER", I18n.text("error.duplicateSeller", { sellerId: seller.id }), [
            "input",
            "id",
          ]),
        ];
      },
    };
  },
};

export function createSellerMutation(ctx: Context, input: unknown) {
  if (ctx.principal.role !== "OPERATOR") throw forbiddenBecause("operatorsCreateSellers");
  return runMutation(ctx, createSeller, input);
}

const SetLanguageInput = mutationInput(Sellers.SetLanguageInput, { language: LanguageEnumInput });

/**
 * A seller's language setting: the seller itself, a read-write partner tool acting for it, or an
 * operator (seller-side, like the seller's other records). Versioned like every racing update.
 */
export const setSellerLanguage: MutationSpec<typeof SetLanguageInput, { seller: Seller | null }> = {
  name: "setSellerLanguage",
  input: SetLanguageInput,
  refusedPayload: { seller: null },
  async execute(ctx, input) {
    const sellerId = actingSellerId(ctx, input.sellerId, "WRITE");
    // Read fresh and consistent, not from the request's loader: the change is decided on this read (a lagging
    // copy would answer a change made a moment ago as already done), and after a lost race on a new one.
    const stored = await SellersRepo.getSeller(ctx.db, sellerId, { consistent: true });
    if (!stored)
      return {
        kind: "refused",
        errors: [Errors.userError("NOT_FOUND", I18n.text("error.notFound", { what: "seller" }), ["input", "sellerId"])],
      };
    const decided = Sellers.setLanguage({
      seller: stored,
      language: input.language,
      expectedVersion: input.expectedVersion,
      now: ctx.now,
    });
    if (!decided.ok) return { kind: "refused", errors: decided.errors };
    const { seller, changed } = decided.value;
    // Whatever else this request reads of the seller (texts in its language) reads it as decided here: the loader's
    // read is eventually consistent, and a moment after the write it may still answer the copy from before.
    const primeWritten = () => ctx.loaders.sellerById.clear(seller.id).prime(seller.id, seller);
    if (!changed) {
      primeWritten();
      return { kind: "performed", payload: { seller } };
    }
    ctx.loaders.sellerById.clear(seller.id);
    return {
      kind: "write",
      writes: [SellersRepo.updateSellerSettingsWrite(ctx.db, seller, stored.version)],
      events: [Events.sellerEvent({ type: "SELLER_UPDATED", seller })],
      payload: { seller },
      landed: primeWritten,
      async onConditionFailed() {
        // Someone changed the settings after our read; how many times is unknown, so no version is named (the
        // pipeline decides again from a fresh read while it has attempts left).
        return [
          Errors.userError("VERSION_CONFLICT", I18n.text("refusal.changedMeanwhile", { what: "seller" }), [
            "input",
            "expectedVersion",
          ]),
        ];
      },
    };
  },
};

export function setSellerLanguageMutation(ctx: Context, input: unknown) {
  return runMutation(ctx, setSellerLanguage, input);
}
