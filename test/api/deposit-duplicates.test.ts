import { Deposits } from "@seller-ops/core";
import { createDocumentClient, DepositsRepo, transactWrite, type Db } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { functionTables } from "@seller-ops/functions/src/tables";
import { ulid } from "ulid";
import { describe, expect, it } from "vitest";
import { laggingReads } from "../support/lagging-reads";
import { scanTable } from "../support/scan";
import { linkedOnly, mutate, world, type World } from "../support/world";

/**
 * A deposit records one payment (`Deposits.paymentOf`: seller, kind, amount and currency, paid instant). A second
 * recordDeposit of it without an idempotency key (a retry after a lost answer, a concurrent call) is refused with
 * DUPLICATE_DEPOSIT naming the deposit already recorded, and writes nothing: two deposits of one payment could both
 * be refunded. Through the Lambda handler on DynamoDB Local, each world on its own tables.
 */

const CNY = (yuan: number) => ({ amountMinor: yuan * 100, currency: "CNY" });

/** 10,000 CNY for calendar 2026 (Shanghai), paid on 28 December 2025. */
const payment = (w: World, overrides: Record<string, unknown> = {}) => ({
  sellerId: w.sellerId,
  kind: "LIMITED_TERM",
  amount: CNY(10_000),
  paidAt: "2025-12-28T10:00:00+08:00",
  termStart: "2026-01-01T00:00:00+08:00",
  termEnd: "2027-01-01T00:00:00+08:00",
  salesTarget: CNY(3_000),
  ...overrides,
});

const record = (w: World, input: Record<string, unknown>) =>
  mutate(w, w.operator, "recordDeposit", "RecordDepositInput", input, "deposit { id }");

async function recorded(w: World, input: Record<string, unknown>): Promise<string> {
  const answer = await record(w, input);
  expect(answer.userErrors).toEqual([]);
  return answer.deposit.id;
}

/** The refusal naming `existingId`: no deposit, one DUPLICATE_DEPOSIT on the paid instant. */
function expectDuplicateOf(answer: { deposit: unknown; userErrors: unknown[] }, existingId: string) {
  expect(answer.deposit).toBeNull();
  expect(answer.userErrors).toEqual([
    {
      code: "DUPLICATE_DEPOSIT",
      field: ["input", "paidAt"],
      message:
        `Deposit ${existingId} already records this payment (CN¥10,000.00 paid 28 Dec 2025, 02:00); ` +
        "nothing was recorded again.",
    },
  ]);
}

/** What the world's tables hold of deposits: the deposits, their payment guards, DEPOSIT_RECORDED events. */
async function stored(w: World) {
  const [deposits, events] = await Promise.all([scanTable(w.db, "Deposits"), scanTable(w.db, "Events")]);
  return {
    deposits: deposits.filter((i) => i.entity === "DEPOSIT").map((i) => i.id),
    guards: deposits.filter((i) => String(i.pk).startsWith("DEPOSIT_PAYMENT#")).map((i) => i.depositId),
    events: events.filter((i) => i.type === "DEPOSIT_RECORDED").length,
  };
}

/** The key's value, whether the middleware sees it marshalled ({ S: "…" }) or plain. */
const plain = (v: unknown) => (v && typeof v === "object" && "S" in v ? (v as { S: unknown }).S : v);

/**
 * Points the world's api at `db` (by default a new client on the world's tables), recording each request its client
 * sends, in order: the command, and for a GetItem its partition key (a payment guard's is `DEPOSIT_PAYMENT#…`).
 */
function recordRequests(w: World, db: Db = { doc: createDocumentClient(), tables: w.db.tables }): string[] {
  const { doc } = db;
  const sent: string[] = [];
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Key?: Record<string, unknown> };
      const name = String(context.commandName).replace(/ItemCommand$|ItemsCommand$|Command$/, "");
      sent.push(input.Key ? `${name} ${String(plain(input.Key.pk)).split("#")[0]}` : name);
      return next(args);
    },
    { step: "initialize", name: "requestRecorder" },
  );
  w.api = createGraphqlHandler({ db: linkedOnly(db, functionTables.graphql), clock: () => w.now });
  return sent;
}

describe("recordDeposit of a payment already recorded", () => {
  it("a plain retry is refused with DUPLICATE_DEPOSIT naming the first deposit, and writes nothing", async () => {
    const w = await world();
    const first = await recorded(w, payment(w));
    const before = await stored(w);
    expect(before).toEqual({ deposits: [first], guards: [first], events: 1 });

    expectDuplicateOf(await record(w, payment(w)), first);
    // The same instant spelled in UTC, and terms corrected on the retry, are still the payment recorded.
    expectDuplicateOf(await record(w, payment(w, { paidAt: "2025-12-28T02:00:00.000Z" })), first);
    expectDuplicateOf(await record(w, payment(w, { salesTarget: CNY(5_000) })), first);
    expect(await stored(w)).toEqual(before);
  });

  it("two concurrent records of one payment give exactly one deposit; the other names it", async () => {
    const w = await world();
    const answers = await Promise.all([record(w, payment(w)), record(w, payment(w))]);
    const won = answers.filter((a) => a.userErrors.length === 0);
    expect(won).toHaveLength(1);
    const lost = answers.find((a) => a.userErrors.length > 0)!;
    expectDuplicateOf(lost, won[0].deposit.id);
    expect(await stored(w)).toEqual({ deposits: [won[0].deposit.id], guards: [won[0].deposit.id], events: 1 });
  });

  it("when the index lags the deposit just recorded, the payment's guard still refuses the retry", async () => {
    const w = await world();
    const lag = laggingReads(w.db);
    w.api = createGraphqlHandler({ db: linkedOnly(lag.db, functionTables.graphql), clock: () => w.now });
    const first = await recorded(w, payment(w));
    expectDuplicateOf(await record(w, payment(w)), first);
    lag.catchUp();
    expect((await stored(w)).deposits).toEqual([first]);
  });

  it("another amount, instant, kind or seller is another payment, and is recorded", async () => {
    const w = await world();
    const first = await recorded(w, payment(w));
    const others = [
      payment(w, { amount: CNY(10_001) }),
      payment(w, { paidAt: "2025-12-28T10:00:00.001+08:00" }),
      payment(w, {
        kind: "UNLIMITED",
        termStart: null,
        termEnd: null,
        salesTarget: null,
        sustainedRule: { minMonthlySales: CNY(50_000), months: 3 },
      }),
    ];
    const ids = [first];
    for (const input of others) ids.push(await recorded(w, input));
    const other = await world();
    const otherSellers = await recorded(other, payment(other));
    expect(new Set([...ids, otherSellers]).size).toBe(5);
    const now = await stored(w);
    expect(now.deposits.sort()).toEqual([...ids].sort());
    expect(now.guards.sort()).toEqual([...ids].sort());
  });

  it("a retry under the same idempotency key replays the first answer; another key is DUPLICATE_DEPOSIT", async () => {
    const w = await world();
    const key = `dep-${ulid()}`;
    const first = await record(w, { ...payment(w), idempotencyKey: key });
    expect(first.userErrors).toEqual([]);
    const replay = await record(w, { ...payment(w), idempotencyKey: key });
    expect(replay).toEqual(first);
    expectDuplicateOf(await record(w, { ...payment(w), idempotencyKey: `dep-${ulid()}` }), first.deposit.id);
    expectDuplicateOf(await record(w, payment(w)), first.deposit.id);
    expect(await stored(w)).toEqual({ deposits: [first.deposit.id], guards: [first.deposit.id], events: 1 });
  });

  it("a deposit recorded before payment guards existed is found among the seller's deposits paid then", async () => {
    const w = await world();
    // As an earlier release stored it: the deposit alone, with no guard.
    const decided = Deposits.record({
      id: `dep_${ulid()}`,
      sellerId: w.sellerId,
      settlementCurrency: "CNY",
      input: Deposits.RecordDepositInput.parse(payment(w)),
      now: w.now.toISOString(),
    });
    if (!decided.ok) throw new Error(JSON.stringify(decided.errors));
    expect((await transactWrite(w.db.doc, [DepositsRepo.recordDepositWrite(w.db, decided.value)])).ok).toBe(true);

    expectDuplicateOf(await record(w, payment(w)), decided.value.id);
    expect(await stored(w)).toEqual({ deposits: [decided.value.id], guards: [], events: 0 });
  });

  it("a first record reads no payment guard: the transaction's condition on it is the check", async () => {
    const w = await world();
    const sent = recordRequests(w);
    await recorded(w, payment(w));
    expect(sent.filter((r) => r.startsWith("Get DEPOSIT_PAYMENT"))).toEqual([]);
    // The seller, the deposits paid at that instant (recorded before guards existed), then the one transaction.
    expect(sent.filter((r) => r === "Query" || r === "TransactWrite")).toEqual(["Query", "TransactWrite"]);
  });

  it("a duplicate the index does not show yet reads the guard once refused on it, and names the first", async () => {
    const w = await world();
    // Recorded a moment before (or by a concurrent call): the index does not show it yet, the guard's condition does.
    const lag = laggingReads(w.db);
    const sent = recordRequests(w, lag.db);
    const first = await recorded(w, payment(w));
    const before = await stored(w);
    sent.length = 0;
    expectDuplicateOf(await record(w, payment(w)), first);
    const refused = sent.indexOf("TransactWrite");
    expect(refused).toBeGreaterThanOrEqual(0);
    expect(sent.filter((r) => r.startsWith("Get DEPOSIT_PAYMENT"))).toHaveLength(1);
    expect(sent.indexOf("Get DEPOSIT_PAYMENT")).toBeGreaterThan(refused);
    expect(await stored(w)).toEqual(before);
  });
});
