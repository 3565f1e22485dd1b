import { describe, expect, it } from "vitest";
import { OrdersRepo, transactWrite } from "@seller-ops/db";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { scanTable } from "../support/scan";
import { createOrderAs, DECOMPOSED, PRECOMPOSED, world, type World } from "../support/world";

/**
 * An identifier is one id however it is spelled in Unicode (`Inputs.Identifier`, NFKC): `CAFÉ` sent precomposed by
 * one system and as E + a combining accent by another (what some ERPs and macOS send), or `ＡＥ` typed with a Chinese
 * input method's full-width letters, is the order already recorded, not a second one counted twice in the seller's
 * sales. Through the Lambda handler on DynamoDB Local.
 */

async function byMarketplaceId(w: World, marketplaceOrderId: string): Promise<{ id: string } | null> {
  const q = `query($m: String) { order(marketplaceOrderId: $m) { id marketplaceOrderId } }`;
  const response = await graphql(w.api, q, { key: w.key, variables: { m: marketplaceOrderId } });
  expect(response.body.errors).toBeUndefined();
  return response.body.data.order;
}

const guardsOf = async (w: World) =>
  (await scanTable(w.db, "Orders")).filter(
    (i) => String(i.pk).startsWith(`MARKETPLACE_ORDER#${w.sellerId}#`) && i.sk === "GUARD",
  );

describe("a marketplace order id spelled two ways that read the same", () => {
  it("precomposed, then decomposed: DUPLICATE_ORDER naming the first; both spellings find it", async () => {
    const w = await world();
    const first = await createOrderAs(w, PRECOMPOSED);
    expect(first.userErrors).toEqual([]);
    expect(first.order.marketplaceOrderId).toBe(PRECOMPOSED);
    const second = await createOrderAs(w, DECOMPOSED);
    expect(second.order).toBeNull();
    expect(second.userErrors.map((e: { code: string }) => e.code)).toEqual(["DUPLICATE_ORDER"]);
    expect(second.userErrors[0].message).toContain(first.order.id);
    expect(await guardsOf(w)).toHaveLength(1);
    expect((await byMarketplaceId(w, DECOMPOSED))?.id).toBe(first.order.id);
    expect((await byMarketplaceId(w, PRECOMPOSED))?.id).toBe(first.order.id);
  });

  it("full-width letters and digits are the ASCII id: stored as ASCII, found either way", async () => {
    const w = await world();
    const created = await createOrderAs(w, "ＡＥ－２０２６－７７");
    expect(created.userErrors).toEqual([]);
    expect(created.order.marketplaceOrderId).toBe("AE-2026-77");
    expect((await createOrderAs(w, "AE-2026-77")).userErrors.map((e: { code: string }) => e.code)).toEqual([
      "DUPLICATE_ORDER",
    ]);
    expect((await byMarketplaceId(w, "ＡＥ－２０２６－７７"))?.id).toBe(created.order.id);
  });

  it("the id with a variation selector after it, which shows nothing, is refused: no second order", async () => {
    const w = await world();
    expect((await createOrderAs(w, "AE-778899")).userErrors).toEqual([]);
    const again = await createOrderAs(w, "AE-778899\ufe0f");
    expect(again.order).toBeNull();
    expect(again.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field.join(".")])).toEqual([
      ["INVALID_INPUT", "input.marketplaceOrderId"],
    ]);
    expect(await guardsOf(w)).toHaveLength(1);
  });

  it("an order an earlier release stored under a decomposed id is still found by that spelling", async () => {
    const w = await world();
    const made = await createOrderAs(w, "LEGACY-SEED-1");
    const stored = await OrdersRepo.getOrder(w.db, made.order.id, { consistent: true });
    // As an earlier release stored it: the id kept as typed, decomposed.
    const legacy = { ...stored!, id: ulid(), marketplaceOrderId: DECOMPOSED };
    expect((await transactWrite(w.db.doc, OrdersRepo.createOrderWrites(w.db, legacy))).ok).toBe(true);
    expect((await byMarketplaceId(w, DECOMPOSED))?.id).toBe(legacy.id);
  });

  it("an order stored before a character of its id was refused is still found by that id, and only by it", async () => {
    const w = await world();
    const made = await createOrderAs(w, "LEGACY-SEED-2");
    const stored = await OrdersRepo.getOrder(w.db, made.order.id, { consistent: true });
    // Ids an earlier release took as typed: a tab, a line separator, a private-use character, 40 emoji (80 UTF-16
    // units: 40 characters when ids were counted in characters).
    for (const typed of ["AE-TAB\t1", "AE-LS\u2028-1", "AE-PUA-1\ue000", "\u{1F4E6}".repeat(40)]) {
      const legacy = { ...stored!, id: ulid(), marketplaceOrderId: typed };
      expect((await transactWrite(w.db.doc, OrdersRepo.createOrderWrites(w.db, legacy))).ok).toBe(true);
      expect((await byMarketplaceId(w, typed))?.id, JSON.stringify(typed)).toBe(legacy.id);
    }
    // What no release could have stored names nothing.
    expect(await byMarketplaceId(w, "AE-PUA-1")).toBeNull();
    expect(await byMarketplaceId(w, "\u{1F4E6}".repeat(65))).toBeNull();
    expect(await byMarketplaceId(w, "   ")).toBeNull();
  });
});
