import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { scanTable } from "../support/scan";
import { world, type World } from "../support/world";
import { eligibleDeposit, EVIDENCE, pendingApplication } from "./catalog";

/**
 * 50 concurrent updates to one deposit, each carrying the version it read: every write either
 * lands (the deposit's version + 1) or is refused with VERSION_CONFLICT — or, for a race lost to
 * a write that changed the deposit's state, the documented APPLICATION_ALREADY_OPEN /
 * INVALID_TRANSITION — and the stored deposit and its applications are exactly the landed writes
 * replayed in version order.
 */

const APPLY = `mutation($input: ApplyForDepositRefundInput!) {
  applyForDepositRefund(input: $input) { application { id status version } deposit { id status version } userErrors {
    field code message } }
}`;
const DECIDE = `mutation($input: DecideDepositRefundInput!) {
  decideDepositRefund(input: $input) { application { id status version } deposit { id status version refundedAmount {
    amountMinor currency } } userErrors { field code message } }
}`;

const LOST_RACE = ["VERSION_CONFLICT", "APPLICATION_ALREADY_OPEN", "INVALID_TRANSITION"];

async function storedDeposit(w: World, depositId: string) {
  const items = (await scanTable(w.db, "Deposits")).filter((i) => i.pk === `DEPOSIT#${depositId}`);
  const deposit = items.find((i) => i.sk === "DEPOSIT")!;
  const applications = items
    .filter((i) => i.entity === "APPLICATION")
    .sort((a, b) => String(a.id).localeCompare(String(b.id)))
    .map((a) => ({
      id: a.id,
      status: a.status,
      reason: (a.decision as { reason: string | null } | null)?.reason ?? null,
      version: a.version,
    }));
  return { deposit, applications };
}

const DECISIONS = [
  { outcome: "APPROVE_FULL" },
  {
    outcome: "APPROVE_PARTIAL",
    amount: { amountMinor: 600_000, currency: "CNY" },
    reason: "Deducted for a damaged-goods claim.",
  },
  { outcome: "DENY", reason: "A quality complaint is still open." },
] as const;

// 50 concurrent writers each: on a loaded 2-core CI machine that can take longer than the default
// 30 s test timeout (a timeout is not a target here; the benchmarks measure time).
describe("racing updates to one deposit", { timeout: 120_000 }, () => {
  it(
    "50 operators decide the same pending application with the same version: exactly one decision lands, the others " +
      "are refused",
    async () => {
      const w = await world();
      const { depositId, applicationId, version } = await pendingApplication(w);

      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          graphql(w.api, DECIDE, {
            key: w.operator,
            variables: { input: { applicationId, ...DECISIONS[i % 3], expectedVersion: version } },
          }).then((r) => {
            expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
            return { i, payload: r.body.data.decideDepositRefund };
          }),
        ),
      );
      const landed = results.filter((r) => r.payload.userErrors.length === 0);
      const refused = results.filter((r) => r.payload.userErrors.length > 0);
      expect(landed).toHaveLength(1);
      for (const r of refused) {
        expect(r.payload.userErrors).toHaveLength(1);
        expect(LOST_RACE).toContain(r.payload.userErrors[0].code);
        expect(r.payload.application).toBeNull();
        expect(r.payload.deposit).toBeNull();
      }
      const winner = landed[0]!;
      expect(winner.payload.application.version).toBe(version + 1);
      expect(winner.payload.deposit.version).toBe(3); // recorded (1), applied (2), decided (3)

      const decision = DECISIONS[winner.i % 3]!;
      const expected = {
        APPROVE_FULL: { application: "APPROVED", deposit: "REFUNDED", refunded: 1_000_000 },
        APPROVE_PARTIAL: { application: "PARTIALLY_APPROVED", deposit: "PARTIALLY_REFUNDED", refunded: 600_000 },
        DENY: { application: "DENIED", deposit: "HELD", refunded: null },
      }[decision.outcome];
      const stored = await storedDeposit(w, depositId);
      expect(stored.deposit).toMatchObject({ status: expected.deposit, version: 3 });
      expect((stored.deposit.refundedAmount as { amountMinor: number } | null)?.amountMinor ?? null).toBe(
        expected.refunded,
      );
      expect(stored.applications).toEqual([
        {
          id: applicationId,
          status: expected.application,
          reason: "reason" in decision ? decision.reason : null,
          version: 2,
        },
      ]);
      await checkInvariants(w.db);
    },
  );

  it(
    "50 concurrent applications for one deposit: one application is opened, the rest are told one is open or the " +
      "deposit changed",
    async () => {
      const w = await world();
      const deposit = await eligibleDeposit(w);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          graphql(w.api, APPLY, {
            key: i % 2 === 0 ? w.key : w.partner,
            // Half carry the version they saw, half none: the one-open-application rule holds either way.
            variables: {
              input: {
                depositId: deposit.id,
                documents: EVIDENCE,
                ...(i % 2 === 0 ? { expectedVersion: deposit.version } : {}),
              },
            },
          }).then((r) => {
            expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
            return r.body.data.applyForDepositRefund;
          }),
        ),
      );
      const landed = results.filter((p) => p.userErrors.length === 0);
      expect(landed).toHaveLength(1);
      for (const p of results.filter((p) => p.userErrors.length > 0)) expect(LOST_RACE).toContain(p.userErrors[0].code);
      const stored = await storedDeposit(w, deposit.id);
      expect(stored.deposit).toMatchObject({ status: "REFUND_REQUESTED", version: 2 });
      expect(stored.applications).toEqual([
        { id: landed[0]!.application.id, status: "PENDING", reason: null, version: 1 },
      ]);
      await checkInvariants(w.db);
    },
  );

  it(
    "50 writers that re-read before writing (apply when held, deny when requested): the stored deposit is the " +
      "landed writes replayed in version order",
    async () => {
      const w = await world();
      const deposit = await eligibleDeposit(w);
      type Landed =
        | { version: number; what: "apply"; applicationId: string }
        | { version: number; what: "deny"; applicationId: string; reason: string };
      const history: Landed[] = [];
      const outcomes: Record<string, number> = {};

      /**
       * One read-then-write attempt: apply when the deposit is held, deny the open application when a refund was
       * requested.
       */
      const attempt = async (i: number): Promise<boolean> => {
        const read = await graphql(
          w.api,
          `query($id: ID!) { deposit(id: $id) { version status refundApplications { id status version } } }`,
          {
            key: w.key,
            variables: { id: deposit.id },
          },
        );
        const seen = read.body.data.deposit;
        let payload: any;
        let landed: Landed | null = null;
        if (seen.status === "HELD") {
          const r = await graphql(w.api, APPLY, {
            key: w.key,
            variables: { input: { depositId: deposit.id, documents: EVIDENCE, expectedVersion: seen.version } },
          });
          payload = r.body.data.applyForDepositRefund;
          if (payload.userErrors.length === 0)
            landed = { version: payload.deposit.version, what: "apply", applicationId: payload.application.id };
        } else {
          expect(seen.status).toBe("REFUND_REQUESTED");
          const open = seen.refundApplications.find((a: { status: string }) => a.status === "PENDING");
          // The deposit and its applications are read one after the other, not as one snapshot:
          // a denial landing in between leaves nothing to decide, so read again.
          if (!open) {
            outcomes.staleRead = (outcomes.staleRead ?? 0) + 1;
            return false;
          }
          const reason = `denied by writer ${i}`;
          const r = await graphql(w.api, DECIDE, {
            key: w.operator,
            variables: { input: { applicationId: open.id, outcome: "DENY", reason, expectedVersion: open.version } },
          });
          payload = r.body.data.decideDepositRefund;
          if (payload.userErrors.length === 0)
            landed = { version: payload.deposit.version, what: "deny", applicationId: open.id, reason };
        }
        const outcome = landed ? `${landed.what} landed` : payload.userErrors[0]?.code;
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        if (landed) {
          history.push(landed);
          return true;
        }
        expect(payload.userErrors).toHaveLength(1);
        expect(LOST_RACE).toContain(payload.userErrors[0].code);
        return false;
      };
      // 50 writers, each trying up to 4 times until its write lands: applications and denials interleave.
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          for (let tries = 0; tries < 4; tries++) {
            await new Promise((r) => setTimeout(r, Math.random() * 20));
            if (await attempt(i)) return;
          }
        }),
      );
      // At least an application and its denial landed (in practice 4 to 6 writes).
      expect(history.length, JSON.stringify(outcomes)).toBeGreaterThanOrEqual(2);

      // Versions are consecutive after the recorded deposit's: no two writes landed on one version.
      history.sort((a, b) => a.version - b.version);
      expect(history.map((h) => h.version)).toEqual(history.map((_, i) => deposit.version + 1 + i));

      // Replay the landed writes in version order on a model of the deposit.
      const model = {
        status: "HELD",
        version: deposit.version,
        applications: [] as { id: string; status: string; reason: string | null; version: number }[],
      };
      for (const h of history) {
        if (h.what === "apply") {
          expect(model.status, `apply at version ${h.version}`).toBe("HELD");
          model.applications.push({ id: h.applicationId, status: "PENDING", reason: null, version: 1 });
          model.status = "REFUND_REQUESTED";
        } else {
          const application = model.applications.find((a) => a.id === h.applicationId);
          expect(application?.status, `deny at version ${h.version}`).toBe("PENDING");
          Object.assign(application!, { status: "DENIED", reason: h.reason, version: 2 });
          model.status = "HELD";
        }
        model.version = h.version;
      }
      const stored = await storedDeposit(w, deposit.id);
      expect({ status: stored.deposit.status, version: stored.deposit.version }).toEqual({
        status: model.status,
        version: model.version,
      });
      expect(stored.applications).toEqual(model.applications.sort((a, b) => a.id.localeCompare(b.id)));
      await checkInvariants(w.db);
      console.info(`deposit race outcomes ${JSON.stringify(outcomes)}`);
    },
  );
});
