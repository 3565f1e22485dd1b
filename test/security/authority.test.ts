import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { ulid } from "ulid";
import { Authority } from "@seller-ops/core";
import { graphql } from "../support/api";
import { mutate, orderDue, recordBackingRemedy, sellerSettles, world, type World } from "../support/world";
import { MUTATIONS } from "../reliability/catalog";

/**
 * Authority per field: every row of `Authority.FIELD_AUTHORITY` (who may set each input field that
 * moves money, eligibility, deadlines or a case's state) walked with every credential role, each
 * granted the seller, through the Lambda handler: a role the row lists is accepted, every other
 * role is FORBIDDEN. The table in docs/using-the-api.md is the same table.
 */

const inHours = (w: World, hours: number) => new Date(w.now.getTime() + hours * 3_600_000).toISOString();
type Arranged = { input: Record<string, unknown> };
const catalog = (name: string) => MUTATIONS.find((m) => m.name === name)!;

async function dispute(w: World): Promise<string> {
  const order = await orderDue(w, 48);
  return (
    await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId: order.id, reason: "DAMAGED", source: "BUYER" },
      "case { id }",
    )
  ).case.id;
}

/** The rows whose situation or input differs from the catalog's valid call. */
const SPECIAL: Record<string, (w: World) => Promise<Arranged>> = {
  "createOrder.shipBy": async (w) => {
    const { input } = await catalog("createOrder").arrange(w);
    const { handlingDays: _days, ...rest } = input;
    return { input: { ...rest, shipBy: inHours(w, 48) } };
  },
  "createOrder.shipment": async (w) => {
    const { input } = await catalog("createOrder").arrange(w);
    return {
      input: { ...input, shipment: { carrier: "Cainiao", trackingNumber: "LP00123456789", shippedAt: input.placedAt } },
    };
  },
  "markOrderShipped.shippedAt": async (w) => {
    const { input } = await catalog("markOrderShipped").arrange(w);
    return { input: { ...input, shippedAt: inHours(w, -0.5) } };
  },
  "markOrderDelivered.deliveredAt": async (w) => {
    const { input } = await catalog("markOrderDelivered").arrange(w);
    return { input: { ...input, deliveredAt: inHours(w, 0) } };
  },
  // The catalog's update changes the event types (a one-item write); a new URL is probed here.
  "updateWebhookEndpoint.url": async (w) => {
    const { input } = await catalog("updateWebhookEndpoint").arrange(w);
    const { eventTypes: _types, ...rest } = input;
    return { input: { ...rest, url: "https://erp.example.com/hooks/v2" } };
  },
  "openCase.source=SYSTEM": async (w) => ({
    input: { orderId: (await orderDue(w, 48)).id, reason: "OTHER", source: "SYSTEM" },
  }),
  "openCase.claimAmount": async (w) => ({
    input: {
      orderId: (await orderDue(w, 48)).id,
      reason: "DAMAGED",
      source: "BUYER",
      claimAmount: { amountMinor: 1000, currency: "USD" },
    },
  }),
  "postCaseMessage.direction=SELLER": async (w) => ({
    input: { caseId: await dispute(w), direction: "SELLER", body: "Sorry." },
  }),
  "postCaseMessage.direction=BUYER": async (w) => ({
    input: { caseId: await dispute(w), direction: "BUYER", body: "Where is it?" },
  }),
  "postCaseMessage.direction=PLATFORM": async (w) => ({
    input: { caseId: await dispute(w), direction: "PLATFORM", body: "We are looking into it." },
  }),
  "makeCompensationOffer.expiresAt": async (w) => ({
    input: {
      caseId: await dispute(w),
      kind: "COUPON",
      amount: { amountMinor: 300, currency: "USD" },
      expiresAt: inHours(w, 30),
    },
  }),
  "makeCompensationOffer.kind=REFUND_WITH_RETURN": async (w) => {
    // A return needs goods to send back: a dispute on a shipped order.
    const order = await orderDue(w, 48);
    await mutate(
      w,
      w.key,
      "markOrderShipped",
      "MarkOrderShippedInput",
      { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00000009" },
      "order { id }",
    );
    const opened = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId: order.id, reason: "DAMAGED", source: "BUYER" },
      "case { id }",
    );
    return {
      input: {
        caseId: opened.case.id,
        kind: "REFUND_WITH_RETURN",
        amount: { amountMinor: 500, currency: "USD" },
        expiresAt: inHours(w, 30),
      },
    };
  },
  "resolveCase.outcome=REFUNDED": async (w) => {
    const caseId = await dispute(w);
    await recordBackingRemedy(w, caseId, "REFUNDED");
    return { input: { caseId, outcome: "REFUNDED" } };
  },
  "resolveCase.outcome=SHIPPED": async (w) => {
    // A late order's incident case, the buyer told and the order shipped with tracking: the plan's required steps.
    const order = await orderDue(w, -20);
    const caseId = (
      await mutate(
        w,
        w.key,
        "openCase",
        "OpenCaseInput",
        { orderId: order.id, reason: "LATE_SHIPMENT", source: "SYSTEM" },
        "case { id }",
      )
    ).case.id;
    await mutate(
      w,
      w.key,
      "postCaseMessage",
      "PostCaseMessageInput",
      { caseId, direction: "SELLER", body: "Sorry for the delay: it ships today." },
      "case { id }",
    );
    await mutate(
      w,
      w.key,
      "markOrderShipped",
      "MarkOrderShippedInput",
      { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00000010" },
      "order { id }",
    );
    return { input: { caseId, outcome: "SHIPPED" } };
  },
  "resolveCase.outcome=BUYER_WITHDREW": async (w) => ({
    input: { caseId: await dispute(w), outcome: "BUYER_WITHDREW" },
  }),
  "resolveCase.outcome=DECIDED_FOR_BUYER": async (w) => {
    const caseId = await dispute(w);
    await mutate(w, w.marketplace, "escalateCase", "EscalateCaseInput", { caseId }, "case { id }");
    return { input: { caseId, outcome: "DECIDED_FOR_BUYER", note: "For the buyer." } };
  },
  "closeCase.caseId": async (w) => {
    const caseId = await dispute(w);
    await sellerSettles(w, caseId, "REFUNDED");
    return { input: { caseId } };
  },
  "submitCaseEvidence.side=SELLER": async (w) => ({
    input: {
      caseId: await dispute(w),
      side: "SELLER",
      kind: "TRACKING_PROOF",
      reference: "https://tracking.example.com/JD1",
    },
  }),
  "submitCaseEvidence.side=BUYER": async (w) => ({
    input: { caseId: await dispute(w), side: "BUYER", kind: "PHOTO", reference: "evidence/damage.jpg" },
  }),
  "submitCaseEvidence.side=PLATFORM": async (w) => ({
    input: {
      caseId: await dispute(w),
      side: "PLATFORM",
      kind: "INSPECTION_REPORT",
      reference: "evidence/inspection.pdf",
    },
  }),
  "decideDepositRefund.amount": async (w) => {
    const { input } = await catalog("decideDepositRefund").arrange(w);
    return {
      input: {
        ...input,
        outcome: "APPROVE_PARTIAL",
        amount: { amountMinor: 500_000, currency: "CNY" },
        reason: "Half: one quality complaint.",
      },
    };
  },
  "createSeller.language": async (w) => {
    const { input } = await catalog("createSeller").arrange(w);
    return { input: { ...input, id: `sel_${ulid()}`, language: "ZH_CN" } };
  },
  "recordDeposit.sustainedRule": async (w) => ({
    input: {
      sellerId: w.sellerId,
      kind: "UNLIMITED",
      amount: { amountMinor: 2_000_000, currency: "CNY" },
      paidAt: inHours(w, -24),
      sustainedRule: { minMonthlySales: { amountMinor: 5_000_000, currency: "CNY" }, months: 3 },
    },
  }),
};

/** Mutations that name the seller they act for: every non-seller key must. */
const NAMES_SELLER = new Set(["createOrder", "importOrders", "recordDeposit", "setSellerLanguage"]);

function keyOf(w: World, role: Authority.CredentialRole): string {
  switch (role) {
    case "SELLER":
      return w.key;
    case "PARTNER":
      return w.partner;
    case "MARKETPLACE":
      return w.marketplace;
    case "OPERATOR":
      return w.operator;
  }
}

const rowName = (row: Authority.FieldAuthority) => `${row.mutation}.${row.field}${row.value ? `=${row.value}` : ""}`;

describe("authority per field", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  }, 60_000);

  it(
    "lists every mutation's money, eligibility, deadline and state " + "fields at least once, and only real mutations",
    () => {
      const named = new Set(Authority.FIELD_AUTHORITY.map((row) => row.mutation));
      for (const m of MUTATIONS) if (m.name !== "revokeApiKey") expect(named, m.name).toContain(m.name);
      for (const name of named) expect(MUTATIONS.map((m) => m.name)).toContain(name);
    },
  );

  for (const row of Authority.FIELD_AUTHORITY) {
    for (const role of Authority.CREDENTIAL_ROLES) {
      const allowed = row.setBy.includes(role);
      it(`${rowName(row)} by a ${role} key: ${allowed ? "accepted" : "FORBIDDEN"}`, async () => {
        const entry = catalog(row.mutation);
        const arranged = SPECIAL[rowName(row)] ? await SPECIAL[rowName(row)]!(w) : await entry.arrange(w);
        const input: Record<string, unknown> = {
          ...arranged.input,
          ...(NAMES_SELLER.has(row.mutation) && { sellerId: w.sellerId }),
        };
        expect(row.field in input, `${rowName(row)} is set by the probe`).toBe(true);
        if (row.value) expect(input[row.field], rowName(row)).toBe(row.value);
        const response = await graphql(
          w.api,
          `mutation($input: ${entry.inputType}!) { ${row.mutation}(input: $input) { userErrors { field code ` +
            `message } } }`,
          {
            key: keyOf(w, role),
            variables: { input },
          },
        );
        if (allowed) {
          expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
          expect(response.body.data[row.mutation].userErrors).toEqual([]);
        } else {
          expect(response.body.errors?.[0]?.extensions?.code, JSON.stringify(response.body)).toBe("FORBIDDEN");
        }
      });
    }
  }

  it("is printed in docs/using-the-api.md exactly as the code defines it", () => {
    const docs = readFileSync(new URL("../../docs/using-the-api.md", import.meta.url), "utf8");
    const printed = docs.split("<!-- authority-table:start -->")[1]!.split("<!-- authority-table:end -->")[0]!.trim();
    expect(printed).toBe(Authority.renderAuthorityTable());
  });
});
