import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Cases, Returns } from "@seller-ops/core";

const ROLES = Cases.ACTOR_ROLES;

describe("the return state machine", () => {
  it(
    "answers every state × action × kind × side as the table says: FORBIDDEN for the wrong side, INVALID_TRANSITION " +
      "naming the state or kind",
    () => {
      let checked = 0;
      for (const status of Returns.RETURN_STATUSES) {
        for (const action of Returns.RETURN_ACTIONS) {
          for (const kind of Returns.RETURN_KINDS) {
            for (const role of ROLES) {
              checked++;
              const rule = Returns.RETURN_TRANSITIONS[action];
              const check = () => Returns.checkReturnAction({ status, kind, action, roles: [role] });
              if (rule.role !== role) {
                expect(check, `${status} ${action} ${kind} ${role}`).toThrow(Returns.ReturnRoleForbidden);
                continue;
              }
              const expected = rule.kinds.includes(kind) ? rule.next[status] : undefined;
              if (expected) expect(check()).toEqual({ ok: true, value: expected });
              else {
                const named = rule.kinds.includes(kind) ? status : kind;
                expect(check()).toMatchObject({
                  ok: false,
                  errors: [{ code: "INVALID_TRANSITION", message: expect.stringContaining(named) }],
                });
              }
            }
          }
        }
      }
      expect(checked).toBe(Returns.RETURN_STATUSES.length * Returns.RETURN_ACTIONS.length * 2 * ROLES.length);
    },
  );

  it(
    "the buyer's side ships back and cancels, the seller's side receives and settles: neither can do the other's " +
      "step",
    () => {
      expect(() =>
        Returns.checkReturnAction({
          status: "AUTHORISED",
          kind: "REFUND_WITH_RETURN",
          action: "SHIP_BACK",
          roles: ["SELLER"],
        }),
      ).toThrow(/Only the buyer side/);
      for (const action of ["CONFIRM_RECEIPT", "REFUND", "SHIP_REPLACEMENT"] as const) {
        expect(() =>
          Returns.checkReturnAction({
            status: "RECEIVED",
            kind: "REFUND_WITH_RETURN",
            action,
            roles: ["BUYER", "PLATFORM"],
          }),
        ).toThrow(/Only the seller side/);
      }
      // A refund is no answer to an exchange, nor a replacement to a return for a refund.
      expect(
        Returns.checkReturnAction({
          status: "RECEIVED",
          kind: "REPLACEMENT_WITH_RETURN",
          action: "REFUND",
          roles: ["SELLER"],
        }).ok,
      ).toBe(false);
      expect(
        Returns.checkReturnAction({
          status: "RECEIVED",
          kind: "REFUND_WITH_RETURN",
          action: "SHIP_REPLACEMENT",
          roles: ["SELLER"],
        }).ok,
      ).toBe(false);
    },
  );

  it(
    "ends are ends, every open state has a deadline and a side that " + "owes the next step, and the job acts on each",
    () => {
      for (const status of Returns.RETURN_STATUSES) {
        const open = Returns.isOpenReturn(status);
        expect(Returns.DEADLINE_OF[status] !== null, status).toBe(open);
        expect(Returns.OWED_BY[status] !== null, status).toBe(open);
        const moves = Returns.RETURN_ACTIONS.filter((a) => Returns.RETURN_TRANSITIONS[a].next[status]);
        if (!open) expect(moves, status).toEqual([]);
        else {
          const system = moves.filter((a) => Returns.RETURN_TRANSITIONS[a].role === "SYSTEM");
          expect(system.length, `the deadline job has a move from ${status}`).toBe(1);
        }
      }
    },
  );

  it(
    "every case action a return move names exists, may be taken from RETURN_IN_PROGRESS or ESCALATED, and by the " +
      "same side",
    () => {
      for (const action of Returns.RETURN_ACTIONS) {
        const rule = Returns.RETURN_TRANSITIONS[action];
        if (!rule.caseAction) continue;
        const caseRule = Cases.TRANSITIONS[rule.caseAction];
        expect(caseRule.role, action).toBe(rule.role);
        expect(caseRule.next.ESCALATED !== undefined || caseRule.next.RETURN_IN_PROGRESS !== undefined, action).toBe(
          true,
        );
      }
      expect(Cases.TRANSITIONS[Returns.START.caseAction].next.OFFER_PENDING).toBe("RETURN_IN_PROGRESS");
    },
  );

  it(
    "offers each side exactly the moves the table accepts from it, " + "never the jobs' nor the platform's decision",
    () => {
      for (const status of Returns.RETURN_STATUSES) {
        for (const kind of Returns.RETURN_KINDS) {
          for (const roles of [["SELLER"], ["BUYER", "PLATFORM"], ["PLATFORM"], []] as Cases.ActorRole[][]) {
            const offered = Returns.returnActions({ status, kind, roles });
            for (const action of Returns.RETURN_ACTIONS) {
              let accepted: boolean;
              try {
                accepted = Returns.checkReturnAction({ status, kind, action, roles }).ok;
              } catch {
                accepted = false;
              }
              if (action === "VOID" || Returns.RETURN_TRANSITIONS[action].role === "SYSTEM")
                expect(offered).not.toContain(action);
              else expect(offered.includes(action), `${roles} ${status} ${kind} ${action}`).toBe(accepted);
            }
          }
        }
      }
    },
  );

  it("is printed in the README exactly as the code defines it, with its deadlines", () => {
    const readme = readFileSync(new URL("../../packages/core/src/returns/README.md", import.meta.url), "utf8");
    const between = (name: string) =>
      readme.split(`<!-- ${name}:start -->`)[1]!.split(`<!-- ${name}:end -->`)[0]!.trim();
    expect(between("return-table")).toBe(Returns.renderReturnTable());
    expect(between("return-deadlines")).toBe(Returns.renderDeadlineTable());
  });
});
