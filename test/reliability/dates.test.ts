import { beforeAll, describe, expect, it } from "vitest";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { scanTable } from "../support/scan";
import { mutate, orderDue, world, type World } from "../support/world";

/**
 * Every date a client sends is a real calendar instant between 2000-01-01T00:00:00Z and 10 years
 * after the request's instant; anything else is an INVALID_INPUT userError naming the field, and
 * nothing is written. The rule lives in one place (core's `InstantInput` and `Errors.parseInput`),
 * so each mutation that takes a date is tried here with the same bad values.
 */

const IMPOSSIBLE = [
  "2026-02-30T00:00:00Z", // rolls over to March 2 in Date.parse
  "2027-02-29T00:00:00Z", // not a leap year
  "2026-04-31T00:00:00Z",
  "2026-13-01T00:00:00Z",
  "2026-00-10T00:00:00Z",
  "2026-11-26T24:00:00Z",
  "2026-11-26T10:60:00Z",
  "2026-11-26T10:00:60Z",
  "2026-11-26T10:00:00+25:00",
];
const TOO_EARLY = ["0000-01-01T00:00:00Z", "1900-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2000-01-01T07:59:59+08:00"];
const HORIZON_MS = 3653 * 86_400_000;
/** Dates after the horizon of a world whose clock reads `now`: the last one by a millisecond. */
const tooLate = (now: Date) => [
  "9999-12-31T00:00:00Z",
  "2100-01-01T00:00:00Z",
  new Date(now.getTime() + HORIZON_MS + 1).toISOString(),
];

describe("input dates", () => {
  let w: World;
  let caseId: string;
  let orderId: string;

  beforeAll(async () => {
    w = await world();
    const order = await orderDue(w, 48);
    orderId = order.id;
    const opened = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId, reason: "DAMAGED", source: "BUYER" },
      "case { id }",
    );
    caseId = opened.case.id;
  }, 60_000);

  const tables = async () =>
    JSON.stringify(
      await Promise.all((["Orders", "Cases", "Deposits", "Sellers"] as const).map((t) => scanTable(w.db, t))),
    );

  /** Each mutation with one date field set to `value`; the field path the userError must name. */
  const mutations = (value: string) => [
    {
      name: "createOrder (placedAt)",
      call: () =>
        graphql(
          w.api,
          `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } userErrors { field code ` +
            `message } } }`,
          {
            key: w.key,
            variables: { input: orderInput({ placedAt: value, handlingDays: 3 }) },
          },
        ).then((r) => r.body.data?.createOrder),
      field: ["input", "placedAt"],
    },
    {
      name: "createOrder (shipBy)",
      call: () =>
        graphql(
          w.api,
          `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } userErrors { field code ` +
            `message } } }`,
          {
            key: w.key,
            variables: {
              input: orderInput({ placedAt: new Date(w.now.getTime() - 86_400_000).toISOString(), shipBy: value }),
            },
          },
        ).then((r) => r.body.data?.createOrder),
      field: ["input", "shipBy"],
    },
    {
      name: "importOrders (placedAt of one order)",
      call: () =>
        graphql(
          w.api,
          `mutation($input: ImportOrdersInput!) { importOrders(input: $input) { results { outcome errors { field ` +
            `code message } } userErrors { field code } } }`,
          {
            key: w.key,
            variables: { input: { orders: [orderInput({ placedAt: value, handlingDays: 3 })] } },
          },
        ).then((r) => {
          const payload = r.body.data?.importOrders;
          expect(payload?.results?.[0]?.outcome, JSON.stringify(r.body)).toBe("REJECTED");
          return { userErrors: payload.results[0].errors };
        }),
      field: ["input", "orders", "0", "placedAt"],
    },
    {
      name: "markOrderShipped (shippedAt)",
      call: () =>
        graphql(
          w.api,
          `mutation($input: MarkOrderShippedInput!) { markOrderShipped(input: $input) { order { id } userErrors { ` +
            `field code message } } }`,
          {
            key: w.key,
            variables: { input: { orderId, carrier: "DHL", trackingNumber: "JD12345678", shippedAt: value } },
          },
        ).then((r) => r.body.data?.markOrderShipped),
      field: ["input", "shippedAt"],
    },
    {
      name: "makeCompensationOffer (expiresAt)",
      call: () =>
        graphql(
          w.api,
          `mutation($input: MakeCompensationOfferInput!) { makeCompensationOffer(input: $input) { case { id } ` +
            `userErrors { field code message } } }`,
          {
            key: w.key,
            variables: {
              input: { caseId, kind: "COUPON", amount: { amountMinor: 100, currency: "USD" }, expiresAt: value },
            },
          },
        ).then((r) => r.body.data?.makeCompensationOffer),
      field: ["input", "expiresAt"],
    },
    ...(["paidAt", "termStart", "termEnd"] as const).map((field) => ({
      name: `recordDeposit (${field})`,
      call: () =>
        graphql(
          w.api,
          `mutation($input: RecordDepositInput!) { recordDeposit(input: $input) { deposit { id } userErrors { field ` +
            `code message } } }`,
          {
            key: w.operator,
            variables: {
              input: {
                sellerId: w.sellerId,
                kind: "LIMITED_TERM",
                amount: { amountMinor: 1_000_000, currency: "CNY" },
                paidAt: "2026-01-01T00:00:00Z",
                termStart: "2026-01-01T00:00:00Z",
                termEnd: "2027-01-01T00:00:00Z",
                salesTarget: { amountMinor: 100, currency: "CNY" },
                [field]: value,
              },
            },
          },
        ).then((r) => r.body.data?.recordDeposit),
      field: ["input", field],
    })),
    {
      name: "recordViolation (occurredAt)",
      call: () =>
        graphql(
          w.api,
          `mutation($input: RecordViolationInput!) { recordViolation(input: $input) { violation { id } userErrors { ` +
            `field code message } } }`,
          {
            key: w.operator,
            variables: {
              input: { sellerId: w.sellerId, kind: "QUALITY", severity: "MINOR", occurredAt: value, note: "x" },
            },
          },
        ).then((r) => r.body.data?.recordViolation),
      field: ["input", "occurredAt"],
    },
  ];

  for (const [kind, values] of [
    ["impossible", () => IMPOSSIBLE],
    ["before 2000", () => TOO_EARLY],
    ["more than 10 years ahead", () => tooLate(w.now)],
  ] as const) {
    it(`refuses ${kind} dates in every date field, naming the field, writing nothing`, async () => {
      const before = await tables();
      for (const value of values()) {
        for (const m of mutations(value)) {
          const payload = await m.call();
          const errors = payload?.userErrors ?? [];
          // Some fields have their own rules too (placedAt not in the future): the date rule must be among them.
          expect(errors, `${m.name} with ${value}`).toContainEqual(
            expect.objectContaining({ code: "INVALID_INPUT", field: m.field }),
          );
          if (kind === "impossible")
            expect(
              errors.find((e: any) => e.field.join() === m.field.join())?.message,
              `${m.name} with ${value}`,
            ).toMatch(/real|ISO 8601/);
        }
      }
      expect(await tables()).toBe(before);
    });
  }

  it("never turns February 30 into March 2", async () => {
    const created = await graphql(
      w.api,
      `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { placedAt } userErrors { field ` +
        `message } } }`,
      {
        key: w.key,
        variables: { input: orderInput({ placedAt: "2026-02-30T00:00:00Z", handlingDays: 3 }) },
      },
    );
    expect(created.body.data.createOrder.order).toBeNull();
    expect(created.body.data.createOrder.userErrors).toEqual([
      { field: ["input", "placedAt"], message: "placedAt: Not a real calendar date: 2026-02 has no day 30." },
    ]);
  });

  it("accepts the bounds themselves, and any offset that names a real instant", async () => {
    const accepted = async (input: Record<string, unknown>) => {
      const payload = await mutate(
        w,
        w.key,
        "createOrder",
        "CreateOrderInput",
        orderInput(input),
        "order { placedAt shipBy }",
      );
      expect(payload.userErrors).toEqual([]);
      return payload.order;
    };
    expect((await accepted({ placedAt: "2000-01-01T00:00:00Z", handlingDays: 3 })).placedAt).toBe(
      "2000-01-01T00:00:00.000Z",
    );
    expect((await accepted({ placedAt: "2000-01-01T08:00:00+08:00", handlingDays: 3 })).placedAt).toBe(
      "2000-01-01T00:00:00.000Z",
    );
    expect((await accepted({ placedAt: "2024-02-29T00:00:00Z", handlingDays: 3 })).placedAt).toBe(
      "2024-02-29T00:00:00.000Z",
    );
    const deposit = await mutate(
      w,
      w.operator,
      "recordDeposit",
      "RecordDepositInput",
      {
        sellerId: w.sellerId,
        kind: "LIMITED_TERM",
        amount: { amountMinor: 1_000_000, currency: "CNY" },
        paidAt: "2026-01-01T00:00:00Z",
        termStart: "2026-01-01T00:00:00Z",
        // 10 years (3,653 days) after the request's instant, exactly.
        termEnd: new Date(w.now.getTime() + HORIZON_MS).toISOString(),
        salesTarget: { amountMinor: 100, currency: "CNY" },
      },
      "deposit { termEnd }",
    );
    expect(deposit.userErrors).toEqual([]);
    expect(deposit.deposit.termEnd).toBe(new Date(w.now.getTime() + HORIZON_MS).toISOString());
  });

  it.each([
    ["orders", "OrderFilter", "shipByBefore"],
    ["orders", "OrderFilter", "updatedSince"],
    ["cases", "CaseFilter", "updatedSince"],
    ["events", "EventFilter", "since"],
    ["events", "EventFilter", "until"],
  ])(
    "refuses an impossible or out-of-range date in a list filter as BAD_USER_INPUT: %s by %s.%s",
    async (list, type, field) => {
      for (const value of ["2026-02-30T00:00:00Z", "1900-01-01T00:00:00Z", "9999-12-31T00:00:00Z"]) {
        const response = await graphql(w.api, `query($f: ${type}) { ${list}(filter: $f) { edges { cursor } } }`, {
          key: w.key,
          variables: { f: { [field]: value } },
        });
        expect(response.body.errors?.[0]?.extensions?.code, value).toBe("BAD_USER_INPUT");
        expect(response.body.errors?.[0]?.message, value).toContain(`filter.${field}`);
      }
    },
  );
});

function orderInput(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    marketplaceOrderId: `AE-D-${ulid()}`,
    items: [{ sku: "SKU-1", title: "Mug", quantity: 1 }],
    buyerTotal: { amountMinor: 1000, currency: "USD" },
    settlementAmount: { amountMinor: 7000, currency: "CNY" },
    buyerCountry: "US",
    ...overrides,
  };
}
