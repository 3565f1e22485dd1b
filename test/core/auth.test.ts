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
