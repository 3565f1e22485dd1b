import { describe, expect, it } from "vitest";
import { Auth, type Principal } from "@seller-ops/core";

const seller: Principal = { role: "SELLER", principalId: "k1", sellerId: "A" };
const partner: Principal = { role: "PARTNER", principalId: "k2", sellerIds: ["A"], access: "READ" };
const operator: Principal = { role: "OPERATOR", principalId: "k3" };

describe("the acting seller", () => {
  it("is implicit for a seller key, and no other seller can be named", () => {
    expect(Auth.actingSeller(seller, null, "WRITE")).toEqual({ ok: true, sellerId: "A" });
    expect(Auth.actingSeller(seller, "A", "READ")).toEqual({ ok: true, sellerId: "A" });
    expect(Auth.actingSeller(seller, "B", "READ")).toEqual({ ok: false, reason: "FORBIDDEN" });
  });

  it("is explicit and checked against the grant for partner and operator keys", () => {
    expect(Auth.actingSeller(partner, null, "READ")).toEqual({ ok: false, reason: "SELLER_REQUIRED" });
    expect(Auth.actingSeller(partner, "A", "READ")).toEqual({ ok: true, sellerId: "A" });
    expect(Auth.actingSeller(partner, "A", "WRITE")).toEqual({ ok: false, reason: "FORBIDDEN" });
    expect(Auth.actingSeller(partner, "B", "READ")).toEqual({ ok: false, reason: "FORBIDDEN" });
    expect(Auth.actingSeller(operator, "B", "WRITE")).toEqual({ ok: true, sellerId: "B" });
  });

  it("lets a principal see only the sellers it may act for", () => {
    expect(Auth.canAccessSeller(seller, "B", "READ")).toBe(false);
    expect(Auth.canAccessSeller(partner, "A", "READ")).toBe(true);
    expect(Auth.canAccessSeller(partner, "A", "WRITE")).toBe(false);
    expect(Auth.canAccessSeller(operator, "Z", "WRITE")).toBe(true);
  });
});

describe("a marketplace key", () => {
  const listed: Principal = { role: "MARKETPLACE", principalId: "k4", allSellers: false, sellerIds: ["A"] };
  const everyone: Principal = { role: "MARKETPLACE", principalId: "k5", allSellers: true, sellerIds: [] };

  it("reads the sellers it is granted (or all of them) and never acts as the seller", () => {
    expect(Auth.actingSeller(listed, "A", "READ")).toEqual({ ok: true, sellerId: "A" });
    expect(Auth.actingSeller(listed, "B", "READ")).toEqual({ ok: false, reason: "FORBIDDEN" });
    expect(Auth.actingSeller(everyone, "B", "READ")).toEqual({ ok: true, sellerId: "B" });
    expect(Auth.actingSeller(everyone, null, "READ")).toEqual({ ok: false, reason: "SELLER_REQUIRED" });
    for (const p of [listed, everyone]) {
      expect(Auth.actingSeller(p, "A", "WRITE")).toEqual({ ok: false, reason: "FORBIDDEN" });
      expect(Auth.canAccessSeller(p, "A", "READ")).toBe(true);
      expect(Auth.canAccessSeller(p, "A", "WRITE")).toBe(false);
    }
    expect(Auth.canAccessSeller(listed, "B", "READ")).toBe(false);
  });

  it("is issued for all sellers or a list, never both, never with a seller access level", async () => {
    const { Keys } = await import("@seller-ops/core");
    const grant = (input: Record<string, unknown>) =>
      Keys.decideGrant(Keys.CreateInput.parse({ role: "MARKETPLACE", label: "Marketplace", ...input }));
    expect(grant({ allSellers: true })).toEqual({
      ok: true,
      value: { role: "MARKETPLACE", allSellers: true, sellerIds: [] },
    });
    expect(grant({ sellerIds: ["A", "A", "B"] })).toEqual({
      ok: true,
      value: { role: "MARKETPLACE", allSellers: false, sellerIds: ["A", "B"] },
    });
    expect(grant({}).ok).toBe(false);
    expect(grant({ allSellers: true, sellerIds: ["A"] }).ok).toBe(false);
    expect(grant({ allSellers: true, access: "READ_WRITE" }).ok).toBe(false);
    const partner = Keys.decideGrant(
      Keys.CreateInput.parse({ role: "PARTNER", label: "ERP", sellerIds: ["A"], allSellers: true }),
    );
    expect(partner.ok).toBe(false);
  });
});
