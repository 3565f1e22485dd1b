import { describe, expect, it } from "vitest";
import { Cases, Deposits, Evidence, Orders, Time, type Case } from "@seller-ops/core";

/**
 * Case evidence in core, from plain data: each side submits as itself, the case keeps it without
 * moving, the caps hold per side, and the retention rule redacts each piece on its own day.
 */

const START = "2026-11-20T00:00:00.000Z";
const DAY = Time.DAY_MS;

function dispute(): Case {
  const order = Orders.create({
    id: "o1",
    sellerId: "s1",
    settlementCurrency: "CNY",
    timeZone: "UTC",
    input: {
      marketplaceOrderId: "AE-1",
      items: [{ sku: "S", title: "T", quantity: 1 }],
      buyerTotal: { amountMinor: 5_000, currency: "USD" },
      settlementAmount: { amountMinor: 35_000, currency: "CNY" },
      buyerCountry: "US",
      placedAt: START,
      handlingDays: 3,
      shipBy: null,
    },
    now: START,
  });
  if (!order.ok) throw new Error(JSON.stringify(order.errors));
  const opened = Cases.open({
    id: "c1",
    order: order.value,
    openCaseOpeners: [],
    openBuyerCases: [],
    input: { orderId: "o1", reason: "DAMAGED", source: "BUYER" },
    roles: ["BUYER"],
    now: START,
  });
  if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
  return opened.value.case;
}

const piece = (side: Cases.EvidenceSide, reference = "evidence/photo.jpg") => ({
  caseId: "c1",
  side,
  kind: "PHOTO" as const,
  reference,
});

function submit(
  c: Case,
  side: Cases.EvidenceSide,
  roles: Cases.ActorRole[],
  now = START,
  id = "e1",
  reference = "evidence/photo.jpg",
) {
  return Cases.submitEvidence({ case: c, input: piece(side, reference), id, roles, now, submittedBy: "key_1" });
}

describe("submitting evidence", () => {
  it(
    "keeps the piece with its side, submitter and time; the state, respondBy and the seller's response time do not " +
      "move",
    () => {
      const c = dispute();
      const done = submit(c, "SELLER", ["SELLER"], Time.addMs(START, 3_600_000));
      if (!done.ok) throw new Error(JSON.stringify(done.errors));
      const { case: after, event, evidence } = done.value;
      expect(evidence).toEqual({
        id: "e1",
        kind: "PHOTO",
        side: "SELLER",
        submittedBy: "key_1",
        submittedAt: Time.addMs(START, 3_600_000),
        reference: "evidence/photo.jpg",
        description: null,
        redactedAt: null,
      });
      expect(after.evidence).toEqual([evidence]);
      expect([after.status, after.respondBy, after.firstResponseAt, after.version]).toEqual([
        c.status,
        c.respondBy,
        null,
        c.version + 1,
      ]);
      expect(event).toMatchObject({
        type: "EVIDENCE_SUBMITTED",
        actor: "SELLER",
        summary: "The seller submitted evidence: photo.",
        body: null,
      });
    },
  );

  it("a side only as itself: the roles that are not the side's are refused as a wrong role, whatever the state", () => {
    const c = dispute();
    expect(() => submit(c, "BUYER", ["SELLER"])).toThrow(Cases.RoleForbidden);
    expect(() => submit(c, "PLATFORM", ["SELLER"])).toThrow(Cases.RoleForbidden);
    expect(() => submit(c, "SELLER", ["BUYER", "PLATFORM"])).toThrow(Cases.RoleForbidden);
    expect(() => submit({ ...c, status: "CLOSED" }, "SELLER", ["PLATFORM"])).toThrow(Cases.RoleForbidden);
    expect(submit(c, "BUYER", ["BUYER", "PLATFORM"]).ok).toBe(true);
    expect(submit(c, "PLATFORM", ["PLATFORM"]).ok).toBe(true);
  });

  it(
    "every open state takes evidence, a return in progress and escalation included; resolved and closed cases " +
      "refuse it",
    () => {
      for (const status of Cases.CASE_STATUSES) {
        const result = submit({ ...dispute(), status }, "SELLER", ["SELLER"]);
        if (status === "RESOLVED" || status === "CLOSED")
          expect(result, status).toMatchObject({ ok: false, errors: [{ code: "INVALID_TRANSITION" }] });
        else expect(result.ok, status).toBe(true);
      }
    },
  );

  it("caps each side on its own: a full side is refused and leaves availableActions, the others still submit", () => {
    let c = dispute();
    for (let i = 0; i < Cases.EVIDENCE_LIMITS.BUYER; i++) {
      const done = submit(c, "BUYER", ["BUYER"], START, `b${i}`, `evidence/photo-${i}.jpg`);
      if (!done.ok) throw new Error(JSON.stringify(done.errors));
      c = done.value.case;
    }
    expect(submit(c, "BUYER", ["BUYER"], START, "b9", "evidence/another.jpg")).toMatchObject({
      ok: false,
      errors: [{ code: "LIMIT_REACHED", field: ["input", "side"] }],
    });
    expect(Cases.actionsFor({ case: c, roles: ["BUYER", "PLATFORM"] })).not.toContain("SUBMIT_BUYER_EVIDENCE");
    expect(Cases.actionsFor({ case: c, roles: ["BUYER", "PLATFORM"] })).toContain("SUBMIT_PLATFORM_EVIDENCE");
    expect(Cases.actionsFor({ case: c, roles: ["SELLER"] })).toContain("SUBMIT_SELLER_EVIDENCE");
    expect(submit(c, "SELLER", ["SELLER"]).ok).toBe(true);
  });

  it("answers a piece sent again (same side, kind and reference) with the one on the case, and writes nothing", () => {
    const first = submit(dispute(), "SELLER", ["SELLER"]);
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    const c = first.value.case;
    const again = submit(c, "SELLER", ["SELLER"], Time.addMs(START, 60_000), "e2");
    expect(again).toEqual({
      ok: true,
      value: { case: c, event: null, order: null, alreadyDone: true, evidence: first.value.evidence },
    });
    // The other side's piece under the same reference, and another kind of the seller's, are pieces of their own.
    const buyer = submit(c, "BUYER", ["BUYER"], START, "e3");
    expect(buyer.ok && !Cases.isAlreadyDone(buyer.value)).toBe(true);
    const tracking = Cases.submitEvidence({
      case: c,
      input: { ...piece("SELLER"), kind: "TRACKING_PROOF" },
      id: "e4",
      roles: ["SELLER"],
      now: START,
      submittedBy: "key_1",
    });
    expect(tracking.ok && !Cases.isAlreadyDone(tracking.value)).toBe(true);
  });

  it("reads a case answered before evidence existed (an idempotent replay) as having none", () => {
    const { evidence: _none, ...stored } = dispute();
    const old = stored as { evidence?: Cases.Evidence[] };
    expect(Cases.evidenceBySide(old)).toEqual({ SELLER: [], BUYER: [], PLATFORM: [] });
    expect(Cases.evidenceAtCap(old, "SELLER", ["SELLER"])).toBeNull();
  });
});

describe("the evidence retention rule", () => {
  const retain = 730 * DAY;
  const withTwo = () => {
    const first = submit(dispute(), "SELLER", ["SELLER"], START, "e1");
    if (!first.ok) throw new Error("first");
    const second = Cases.submitEvidence({
      case: first.value.case,
      input: { ...piece("BUYER", "https://files.example.com/b.jpg"), description: "Box" },
      id: "e2",
      roles: ["BUYER"],
      now: Time.addMs(START, 100 * DAY),
      submittedBy: "key_2",
    });
    if (!second.ok) throw new Error("second");
    return second.value.case;
  };

  it("is due at the earliest piece still kept, then at the next, then never", () => {
    const c = withTwo();
    expect(Cases.evidenceRedactionDue(c, retain)).toBe(Time.addMs(START, retain));
    const once = Cases.redactDueEvidence(c, retain, Time.addMs(START, retain))!;
    expect(Cases.evidenceRedactionDue({ evidence: once }, retain)).toBe(Time.addMs(START, 100 * DAY + retain));
    const twice = Cases.redactDueEvidence({ evidence: once }, retain, Time.addMs(START, 100 * DAY + retain))!;
    expect(Cases.evidenceRedactionDue({ evidence: twice }, retain)).toBeNull();
  });

  it(
    "redacts only what is due, reference and description, keeping kind, side, submitter and time; nothing due is " +
      "null",
    () => {
      const c = withTwo();
      expect(Cases.redactDueEvidence(c, retain, Time.addMs(START, retain - 1))).toBeNull();
      const at = Time.addMs(START, retain);
      const redacted = Cases.redactDueEvidence(c, retain, at)!;
      expect(redacted[0]).toEqual({
        ...c.evidence[0],
        reference: Evidence.REDACTED,
        description: null,
        redactedAt: at,
      });
      expect(redacted[1]).toEqual(c.evidence[1]);
    },
  );
});

describe("evidence references", () => {
  const schema = Cases.SubmitCaseEvidenceInput._zod.innerType.shape.reference;
  it.each([
    "https://tracking.example.com/LP1?x=1",
    "evidence/2026/photo-1.jpg",
    "s3-key_with.dots",
    "a\\b.jpg",
    "photo..jpg",
    "a/.../b",
    "./a.jpg",
    // A URL's own `..` is resolved within its host, as the browser does: it leaves no folder of ours.
    "https://files.example.com/a/../b.pdf",
  ])("accepts %s", (reference) => {
    expect(schema.safeParse(reference).success).toBe(true);
  });
  it.each([
    "http://a.example.com/x",
    "ftp://a.example.com/x",
    "javascript:alert(1)",
    "/etc/passwd",
    // A browser reads a backslash as a slash: each of these, linked from a dashboard, opens another site.
    "//evil.example/login",
    "\\evil.example/login",
    "\\/evil.example/login",
    "/\\evil.example/login",
    "\\etc\\passwd",
    // `..` segments leave the key's folder as a leading slash does, however written; a browser resolves %2e as a dot.
    "../../etc/passwd",
    "..\\..\\admin",
    "a/../../b",
    "a/..",
    "a/%2E%2e/b",
    "a/.%2e/b",
    // Credentials would be shown to the other side, and a user part can pass off one host as another.
    "https://user:secret@files.example.com/a.pdf",
    "https://files.example.com@evil.example/login",
    "a b",
    "照片",
    "e\u0007x",
    "https://",
    "x".repeat(513),
  ])("refuses %j", (reference) => {
    expect(schema.safeParse(reference).success).toBe(false);
  });
  it("a deposit application's document reference is the same check, as long and as wide as before", () => {
    const document = Deposits.EvidenceDocumentInput._zod.innerType.shape.reference;
    expect(document.safeParse("evidence/照片.jpg").success).toBe(true);
    expect(document.safeParse(`evidence/${"x".repeat(1015)}`).success).toBe(true);
    expect(document.safeParse(`evidence/${"x".repeat(1016)}`).success).toBe(false);
    expect(document.safeParse("http://a.example.com/x").success).toBe(false);
  });
});
