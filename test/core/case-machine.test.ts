import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Cases, type Principal } from "@seller-ops/core";

const ALL_ROLES = Cases.ACTOR_ROLES;

describe("the case state machine", () => {
  it(
    "answers every state × action × role exactly as the table says: FORBIDDEN for a wrong role, INVALID_TRANSITION " +
      "naming the state otherwise",
    () => {
      let checked = 0;
      for (const status of Cases.CASE_STATUSES) {
        for (const action of Cases.CASE_ACTIONS) {
          for (const role of ALL_ROLES) {
            const rule = Cases.TRANSITIONS[action];
            checked++;
            if (rule.role !== role) {
              expect(() => Cases.checkAction(status, action, [role]), `${status} ${action} ${role}`).toThrow(
                Cases.RoleForbidden,
              );
              continue;
            }
            const result = Cases.checkAction(status, action, [role]);
            const expected = rule.next[status];
            if (expected) {
              expect(result, `${status} ${action} ${role}`).toEqual({ ok: true, value: expected });
            } else {
              expect(result, `${status} ${action} ${role}`).toMatchObject({
                ok: false,
                errors: [{ code: "INVALID_TRANSITION", message: expect.stringContaining(status) }],
              });
            }
          }
        }
      }
      expect(checked).toBe(Cases.CASE_STATUSES.length * Cases.CASE_ACTIONS.length * ALL_ROLES.length);
    },
  );

  it("nothing moves a closed case, and a resolved case can only be closed", () => {
    for (const action of Cases.CASE_ACTIONS) {
      expect(Cases.TRANSITIONS[action].next.CLOSED).toBeUndefined();
      if (action !== "CLOSE") expect(Cases.TRANSITIONS[action].next.RESOLVED).toBeUndefined();
    }
  });

  it("offers each credential exactly the actions the server accepts from it", () => {
    const principals: [Principal, Cases.ActorRole[]][] = [
      [{ role: "SELLER", principalId: "k", sellerId: "A" }, ["SELLER"]],
      [{ role: "PARTNER", principalId: "k", sellerIds: ["A"], access: "READ_WRITE" }, ["SELLER"]],
      [{ role: "PARTNER", principalId: "k", sellerIds: ["A"], access: "READ" }, []],
      [{ role: "MARKETPLACE", principalId: "k", allSellers: true, sellerIds: [] }, ["BUYER", "PLATFORM"]],
      [{ role: "MARKETPLACE", principalId: "k", allSellers: false, sellerIds: ["A"] }, ["BUYER", "PLATFORM"]],
      [{ role: "OPERATOR", principalId: "k" }, ["PLATFORM", "OPERATOR"]],
    ];
    for (const [principal, roles] of principals) {
      expect(Cases.rolesOf(principal)).toEqual(roles);
      for (const [status, incident] of Cases.CASE_STATUSES.flatMap((s) =>
        [s, s].map((x, i) => [x, i === 1] as const),
      )) {
        const offered = Cases.availableActions(status, roles, incident);
        for (const action of Cases.CASE_ACTIONS) {
          let accepted: boolean;
          try {
            accepted = Cases.checkAction(status, action, roles, incident).ok;
          } catch {
            accepted = false;
          }
          // The jobs' own actions are never offered to a caller, nor those a return's moves take.
          if (action === "EXPIRE_OFFER" || Cases.RETURN_CASE_ACTIONS.includes(action))
            expect(offered).not.toContain(action);
          else expect(offered.includes(action), `${principal.role} ${status} ${action} ${incident}`).toBe(accepted);
        }
      }
    }
  });

  it(
    "on the late-shipment incident, nobody withdraws, escalates or decides: INVALID_TRANSITION naming its two ends " +
      "in every state; an incident escalated before that is the seller's to close",
    () => {
      const refused: [Cases.CaseAction, Cases.ActorRole[]][] = [
        ["ESCALATE", ["BUYER", "PLATFORM"]],
        ["WITHDRAW_BY_BUYER", ["BUYER", "PLATFORM"]],
        ["DECIDE", ["PLATFORM", "OPERATOR"]],
      ];
      for (const status of Cases.CASE_STATUSES) {
        for (const [action, roles] of refused) {
          const checked = Cases.checkAction(status, action, roles, true);
          expect(checked).toMatchObject({ ok: false, errors: [{ code: "INVALID_TRANSITION" }] });
          const said = !checked.ok ? checked.errors[0]!.message : "";
          expect(said).toMatch(/SHIPPED.*ORDER_CANCELLED/s);
          expect(Cases.availableActions(status, roles, true)).not.toContain(action);
        }
      }
      // A buyer's dispute (not the incident) keeps them all.
      expect(Cases.checkAction("AWAITING_SELLER", "ESCALATE", ["BUYER"]).ok).toBe(true);
      expect(Cases.checkAction("ESCALATED", "DECIDE", ["OPERATOR"]).ok).toBe(true);
      // Escalated before escalation was refused there: not stuck, the seller closes it (SHIPPED or ORDER_CANCELLED).
      expect(Cases.checkAction("ESCALATED", "RESOLVE_BY_SELLER", ["SELLER"], true)).toEqual({
        ok: true,
        value: "RESOLVED",
      });
      expect(Cases.checkAction("ESCALATED", "RESOLVE_BY_SELLER", ["SELLER"]).ok).toBe(false);
    },
  );

  it("no credential acts on both sides of one case: none holds both the seller's and the buyer's role", () => {
    const principals: Principal[] = [
      { role: "SELLER", principalId: "k", sellerId: "A" },
      { role: "PARTNER", principalId: "k", sellerIds: ["A"], access: "READ_WRITE" },
      { role: "PARTNER", principalId: "k", sellerIds: ["A"], access: "READ" },
      { role: "MARKETPLACE", principalId: "k", allSellers: true, sellerIds: [] },
      { role: "OPERATOR", principalId: "k" },
    ];
    for (const principal of principals) {
      const roles = Cases.rolesOf(principal);
      expect(roles.includes("SELLER") && roles.includes("BUYER"), principal.role).toBe(false);
      // So nobody can make an offer and accept it.
      const offers = Cases.availableActions("AWAITING_SELLER", roles).includes("MAKE_OFFER");
      const accepts = Cases.availableActions("OFFER_PENDING", roles).includes("ACCEPT_OFFER");
      expect(offers && accepts, principal.role).toBe(false);
      // Nor decide a case it escalated for the buyer: deciding is the operator's alone.
      const escalates = Cases.availableActions("AWAITING_SELLER", roles).includes("ESCALATE");
      const decides = Cases.availableActions("ESCALATED", roles).includes("DECIDE");
      expect(escalates && decides, principal.role).toBe(false);
      expect(decides, principal.role).toBe(principal.role === "OPERATOR");
    }
  });

  it("is printed in the README exactly as the code defines it", () => {
    const readme = readFileSync(new URL("../../packages/core/src/cases/README.md", import.meta.url), "utf8");
    const printed = readme
      .split("<!-- transition-table:start -->")[1]!
      .split("<!-- transition-table:end -->")[0]!
      .trim();
    expect(printed).toBe(Cases.renderTransitionTable());
  });
});
