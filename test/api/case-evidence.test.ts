import { beforeAll, describe, expect, it } from "vitest";
import { ApiKeys, SellersRepo } from "@seller-ops/db";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { scanTable } from "../support/scan";
import { mutate, orderDue, sellerSettles, world, type World } from "../support/world";

/**
 * Evidence on cases, played through the Lambda handler: each side submits its own typed
 * references, the operator deciding the escalated case reads them grouped by side, and every
 * hostile call — the other side's evidence, another seller's case, a decided case, a side at its
 * cap, a reference that is not an https URL or an object key — is refused with nothing written.
 */

const SUBMIT = "SubmitCaseEvidenceInput";
const PIECE = "id kind side submittedBy submittedAt reference description redactedAt";
const SELECTION =
  `evidence { ${PIECE} } case { id status version availableActions evidence { seller { ${PIECE} } buyer { ${PIECE} ` +
  `} platform { ${PIECE} } } }`;

async function submit(w: World, key: string, input: Record<string, unknown>) {
  return graphql(
    w.api,
    `mutation($input: ${SUBMIT}!) { submitCaseEvidence(input: $input) { ${SELECTION} userErrors { field code ` +
      `message } } }`,
    { key, variables: { input } },
  );
}

async function dispute(w: World): Promise<string> {
  const order = await orderDue(w, 48);
  const opened = await mutate(
    w,
    w.marketplace,
    "openCase",
    "OpenCaseInput",
    { orderId: order.id, reason: "NOT_RECEIVED", source: "BUYER", claimText: "Nothing arrived." },
    "case { id }",
  );
  return opened.case.id;
}

/** Everything stored for the world's seller, to prove a refusal wrote nothing. */
async function stored(w: World): Promise<string> {
  return JSON.stringify(await scanTable(w.db, "Cases"));
}

const tracking = {
  side: "SELLER",
  kind: "TRACKING_PROOF",
  reference: "https://tracking.example.com/track/LP00123456789CN",
  description: "Delivered to the parcel locker.",
};
const photo = {
  side: "BUYER",
  kind: "PHOTO",
  reference: "uploads/buyer/empty-box.jpg",
  description: "The box arrived empty.",
};

describe("evidence on cases", () => {
  let w: World;
  let caseId: string;
  let keyIds: Record<string, string>;

  beforeAll(async () => {
    w = await world();
    caseId = await dispute(w);
    const keys = await scanTable(w.db, "ApiKeys");
    keyIds = Object.fromEntries(keys.map((k) => [String(k.label), String(k.keyId)]));
  }, 60_000);

  it(
    "each side submits its own evidence; the timeline records side and kind, never the reference; the state does " +
      "not move",
    async () => {
      const seller = await submit(w, w.partner, { caseId, ...tracking });
      expect(seller.body.errors).toBeUndefined();
      expect(seller.body.data.submitCaseEvidence.userErrors).toEqual([]);
      expect(seller.body.data.submitCaseEvidence.evidence).toMatchObject({
        ...tracking,
        submittedBy: keyIds["world partner"],
        submittedAt: w.now.toISOString(),
        redactedAt: null,
      });
      expect(seller.body.data.submitCaseEvidence.case.status).toBe("AWAITING_SELLER");

      const buyer = await submit(w, w.marketplace, { caseId, ...photo });
      expect(buyer.body.data.submitCaseEvidence.userErrors).toEqual([]);
      const platform = await submit(w, w.operator, {
        caseId,
        side: "PLATFORM",
        kind: "TRACKING_PROOF",
        reference: "https://logistics.example.com/AE/LP00123456789CN",
      });
      expect(platform.body.data.submitCaseEvidence.userErrors).toEqual([]);

      const timeline = await graphql(
        w.api,
        `{ case(id: "${caseId}") { firstResponseAt timeline(first: 3) { edges { node { type actor summary body } ` +
          `} } } }`,
        { key: w.key },
      );
      const events = timeline.body.data.case.timeline.edges.map((e: any) => e.node);
      expect(events.map((e: any) => [e.type, e.actor])).toEqual([
        ["EVIDENCE_SUBMITTED", "PLATFORM"],
        ["EVIDENCE_SUBMITTED", "BUYER"],
        ["EVIDENCE_SUBMITTED", "SELLER"],
      ]);
      expect(events[2].summary).toBe("The seller submitted evidence: tracking proof.");
      expect(JSON.stringify(events)).not.toContain("tracking.example.com");
      expect(JSON.stringify(events)).not.toContain("parcel locker");
      // Evidence is for the platform, not an answer to the buyer.
      expect(timeline.body.data.case.firstResponseAt).toBeNull();
    },
  );

  it(
    "the operator deciding the escalated case reads the evidence grouped by side, with who submitted each piece, " +
      "and may add the platform's",
    async () => {
      const escalated = await mutate(
        w,
        w.marketplace,
        "escalateCase",
        "EscalateCaseInput",
        { caseId },
        "case { status }",
      );
      expect(escalated.case.status).toBe("ESCALATED");
      const read = await graphql(
        w.api,
        `query($s: ID!) { cases(sellerId: $s, filter: { status: ESCALATED }) { edges { node { id availableActions ` +
          `evidence { seller { ${PIECE} } buyer { ${PIECE} } platform { ${PIECE} } } } } } }`,
        {
          key: w.operator,
          variables: { s: w.sellerId },
        },
      );
      const node = read.body.data.cases.edges.map((e: any) => e.node).find((n: any) => n.id === caseId);
      expect(node.evidence.seller.map((e: any) => [e.kind, e.reference, e.submittedBy])).toEqual([
        ["TRACKING_PROOF", tracking.reference, keyIds["world partner"]],
      ]);
      expect(node.evidence.buyer.map((e: any) => [e.kind, e.reference, e.submittedBy])).toEqual([
        ["PHOTO", photo.reference, keyIds["world marketplace"]],
      ]);
      expect(node.evidence.platform.map((e: any) => [e.kind, e.submittedBy])).toEqual([
        ["TRACKING_PROOF", keyIds["world operator"]],
      ]);
      expect(node.availableActions).toEqual(["POST_PLATFORM_MESSAGE", "DECIDE", "SUBMIT_PLATFORM_EVIDENCE"]);
    },
  );

  it("another credential sees the pieces but not the key ids of the other side's tools", async () => {
    const read = await graphql(
      w.api,
      `{ case(id: "${caseId}") { availableActions evidence { seller { submittedBy } buyer { submittedBy reference ` +
        `} platform { submittedBy } } } }`,
      { key: w.partner },
    );
    const evidence = read.body.data.case.evidence;
    expect(evidence.seller[0].submittedBy).toBe(keyIds["world partner"]);
    expect(evidence.buyer[0]).toEqual({ submittedBy: null, reference: photo.reference });
    expect(evidence.platform[0].submittedBy).toBeNull();
    const seller = await graphql(w.api, `{ case(id: "${caseId}") { evidence { seller { submittedBy } } } }`, {
      key: w.key,
    });
    expect(seller.body.data.case.evidence.seller[0].submittedBy).toBeNull();
  });

  it(
    "the seller of an escalated case without its own evidence is " + "told to submit some; once it has, no more",
    async () => {
      const fresh = await dispute(w);
      await mutate(w, w.marketplace, "escalateCase", "EscalateCaseInput", { caseId: fresh }, "case { status }");
      const codes = async () =>
        (
          await graphql(w.api, `{ case(id: "${fresh}") { risk { recommendedActions { code } } } }`, { key: w.key })
        ).body.data.case.risk.recommendedActions.map((a: any) => a.code);
      expect(await codes()).toContain("SUBMIT_EVIDENCE");
      await mutate(w, w.key, "submitCaseEvidence", SUBMIT, { caseId: fresh, ...tracking }, "evidence { id }");
      expect(await codes()).not.toContain("SUBMIT_EVIDENCE");
    },
  );

  describe("hostile callers: refused, nothing written", () => {
    const forbidden = [
      ["the seller's read-write partner key submitting the buyer's evidence", (x: World) => x.partner, photo],
      ["the seller's own key submitting the buyer's evidence", (x: World) => x.key, photo],
      ["the seller's key submitting the platform's evidence", (x: World) => x.key, { ...photo, side: "PLATFORM" }],
      ["the marketplace submitting the seller's evidence", (x: World) => x.marketplace, tracking],
      ["an operator submitting the seller's evidence", (x: World) => x.operator, tracking],
      ["an operator submitting the buyer's evidence", (x: World) => x.operator, photo],
    ] as const;
    for (const [name, key, input] of forbidden) {
      it(`${name}: FORBIDDEN`, async () => {
        const open = await dispute(w);
        const before = await stored(w);
        const response = await submit(w, key(w), { caseId: open, ...input });
        expect(response.body.errors?.[0]?.extensions?.code, JSON.stringify(response.body)).toBe("FORBIDDEN");
        expect(await stored(w)).toBe(before);
      });
    }

    it("a read-only partner key: FORBIDDEN", async () => {
      const readOnly = `ro_${ulid()}`;
      await ApiKeys.putApiKey(w.db, readOnly, {
        role: "PARTNER",
        keyId: `key_${ulid()}`,
        label: "read-only",
        sellerIds: [w.sellerId],
        access: "READ",
        createdAt: w.now.toISOString(),
      });
      const open = await dispute(w);
      const before = await stored(w);
      const response = await submit(w, readOnly, { caseId: open, ...tracking });
      expect(response.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(await stored(w)).toBe(before);
    });

    it(
      "another seller's key and a partner key of another seller on this seller's case: NOT_FOUND, as if the case " +
        "did not exist",
      async () => {
        const otherSeller = `sel_${ulid()}`;
        await SellersRepo.putSellerIfAbsent(w.db, {
          id: otherSeller,
          name: "Other",
          settlementCurrency: "CNY",
          timeZone: "Asia/Shanghai",
          createdAt: w.now.toISOString(),
        });
        const stranger = `stranger_${ulid()}`;
        await ApiKeys.putApiKey(w.db, stranger, {
          role: "SELLER",
          keyId: `key_${ulid()}`,
          label: "stranger",
          sellerId: otherSeller,
          createdAt: w.now.toISOString(),
        });
        const strangersTool = `tool_${ulid()}`;
        await ApiKeys.putApiKey(w.db, strangersTool, {
          role: "PARTNER",
          keyId: `key_${ulid()}`,
          label: "stranger's tool",
          sellerIds: [otherSeller],
          access: "READ_WRITE",
          createdAt: w.now.toISOString(),
        });
        const open = await dispute(w);
        for (const key of [stranger, strangersTool]) {
          const before = await stored(w);
          const response = await submit(w, key, { caseId: open, ...tracking });
          expect(response.body.data.submitCaseEvidence.userErrors.map((e: any) => [e.code, e.field.join(".")])).toEqual(
            [["NOT_FOUND", "input.caseId"]],
          );
          expect(await stored(w)).toBe(before);
        }
      },
    );

    it("on a resolved or closed case: INVALID_TRANSITION, and the action is no longer offered", async () => {
      const open = await dispute(w);
      await sellerSettles(w, open, "REFUNDED");
      for (const closing of [false, true]) {
        if (closing) await mutate(w, w.operator, "closeCase", "CloseCaseInput", { caseId: open }, "case { status }");
        const before = await stored(w);
        const response = await submit(w, w.key, { caseId: open, ...tracking });
        expect(response.body.data.submitCaseEvidence.userErrors.map((e: any) => e.code)).toEqual([
          "INVALID_TRANSITION",
        ]);
        expect(response.body.data.submitCaseEvidence.case).toBeNull();
        expect(await stored(w)).toBe(before);
        const read = await graphql(w.api, `{ case(id: "${open}") { status availableActions } }`, { key: w.key });
        expect(read.body.data.case.availableActions).not.toContain("SUBMIT_SELLER_EVIDENCE");
      }
    });

    it("a side at its cap: LIMIT_REACHED naming the cap, the action leaves availableActions, the other side still " +
      "submits", {
      timeout: 60_000,
    }, async () => {
      const open = await dispute(w);
      for (let i = 0; i < 6; i++) {
        const done = await submit(w, w.key, {
          caseId: open,
          ...tracking,
          reference: `evidence/photo-${i}.jpg`,
          kind: "PHOTO",
        });
        expect(done.body.data.submitCaseEvidence.userErrors).toEqual([]);
      }
      const before = await stored(w);
      const full = await submit(w, w.key, { caseId: open, ...tracking });
      expect(full.body.data.submitCaseEvidence.userErrors).toEqual([
        {
          code: "LIMIT_REACHED",
          field: ["input", "side"],
          message: "A case keeps at most 6 pieces of seller evidence; this side has reached that cap.",
        },
      ]);
      expect(await stored(w)).toBe(before);
      const actions = async (key: string) =>
        (await graphql(w.api, `{ case(id: "${open}") { availableActions } }`, { key })).body.data.case.availableActions;
      expect(await actions(w.key)).not.toContain("SUBMIT_SELLER_EVIDENCE");
      expect(await actions(w.marketplace)).toContain("SUBMIT_BUYER_EVIDENCE");
      const buyer = await submit(w, w.marketplace, { caseId: open, ...photo });
      expect(buyer.body.data.submitCaseEvidence.userErrors).toEqual([]);
    });

    it("a marketplace key fills its 3 platform slots; the operator deciding the case still adds its 2", {
      timeout: 60_000,
    }, async () => {
      const open = await dispute(w);
      const platformPiece = (i: number) => ({
        caseId: open,
        side: "PLATFORM",
        kind: "INSPECTION_REPORT",
        reference: `platform/inspection-${i}.pdf`,
      });
      for (let i = 0; i < 3; i++) {
        const done = await submit(w, w.marketplace, platformPiece(i));
        expect(done.body.data.submitCaseEvidence.userErrors).toEqual([]);
      }
      const before = await stored(w);
      const refused = await submit(w, w.marketplace, platformPiece(3));
      expect(refused.body.data.submitCaseEvidence.userErrors).toEqual([
        {
          code: "LIMIT_REACHED",
          field: ["input", "side"],
          message:
            "A marketplace submits at most 3 pieces of the platform's evidence on a case, and has reached that cap; " +
            "the other 2 are kept for the operator who decides the case.",
        },
      ]);
      expect(await stored(w)).toBe(before);
      const actions = async (key: string) =>
        (await graphql(w.api, `{ case(id: "${open}") { availableActions } }`, { key })).body.data.case.availableActions;
      expect(await actions(w.marketplace)).not.toContain("SUBMIT_PLATFORM_EVIDENCE");
      expect(await actions(w.operator)).toContain("SUBMIT_PLATFORM_EVIDENCE");
      for (let i = 3; i < 5; i++) {
        const done = await submit(w, w.operator, platformPiece(i));
        expect(done.body.data.submitCaseEvidence.userErrors).toEqual([]);
      }
      const full = await submit(w, w.operator, platformPiece(5));
      expect(full.body.data.submitCaseEvidence.userErrors.map((e: { message: string }) => e.message)).toEqual([
        "A case keeps at most 5 pieces of platform evidence; this side has reached that cap.",
      ]);
      expect(await actions(w.operator)).not.toContain("SUBMIT_PLATFORM_EVIDENCE");
    });

    it("the same piece sent again under new keys is the piece already submitted: nothing written, no slot taken", {
      timeout: 60_000,
    }, async () => {
      const open = await dispute(w);
      const piece = (i: number) =>
        submit(w, w.partner, { caseId: open, ...tracking, idempotencyKey: `erp-evidence-${open}-${i}` });
      const first = (await piece(0)).body.data.submitCaseEvidence;
      expect(first.userErrors).toEqual([]);
      const before = await stored(w);
      // A worker whose answer was lost retries with a key of its own, six times: one piece, as first submitted.
      for (let i = 1; i <= 6; i++) {
        const again = (await piece(i)).body.data.submitCaseEvidence;
        expect(again.userErrors).toEqual([]);
        expect(again.evidence).toEqual(first.evidence);
        expect(again.case.version).toBe(first.case.version);
      }
      expect(await stored(w)).toBe(before);
      // The seller's other pieces still have their slots; the same reference as another kind is another piece.
      const photo = await submit(w, w.partner, { caseId: open, ...tracking, kind: "PHOTO" });
      expect(photo.body.data.submitCaseEvidence.userErrors).toEqual([]);
      expect(photo.body.data.submitCaseEvidence.case.evidence.seller.map((e: any) => e.kind)).toEqual([
        "TRACKING_PROOF",
        "PHOTO",
      ]);
    });

    const badReferences: [string, unknown][] = [
      ["an http URL", "http://tracking.example.com/1"],
      ["a javascript: URL", "javascript:alert(1)"],
      ["a data: URL", "data:text/html;base64,PHNjcmlwdD4="],
      ["a file: URL", "file:///etc/passwd"],
      ["an absolute path", "/etc/passwd"],
      ["a link to another host, as a browser reads backslashes", "\\evil.example/login"],
      ["a control character", "evidence/a\u0000b.jpg"],
      ["a space", "evidence/my photo.jpg"],
      ["a non-ASCII character", "evidence/照片.jpg"],
      ["513 characters", `https://e.example.com/${"a".repeat(513 - 22)}`],
      ["an empty string", "   "],
      ["an https URL without a host", "https://"],
    ];
    for (const [name, reference] of badReferences) {
      it(`a reference that is ${name}: INVALID_INPUT naming the reference`, async () => {
        const open = await dispute(w);
        const before = await stored(w);
        const response = await submit(w, w.key, { caseId: open, ...tracking, reference });
        const errors = response.body.data.submitCaseEvidence.userErrors;
        expect(errors.length).toBeGreaterThan(0);
        for (const error of errors) {
          expect([error.code, error.field.join(".")]).toEqual(["INVALID_INPUT", "input.reference"]);
          expect(error.message).toMatch(/reference/i);
        }
        expect(await stored(w)).toBe(before);
      });
    }

    it("a description over 280 characters and an unknown kind are refused by name", async () => {
      const open = await dispute(w);
      const long = await submit(w, w.key, { caseId: open, ...tracking, description: "x".repeat(281) });
      expect(long.body.data.submitCaseEvidence.userErrors.map((e: any) => [e.code, e.field.join(".")])).toEqual([
        ["INVALID_INPUT", "input.description"],
      ]);
      const kind = await submit(w, w.key, { caseId: open, ...tracking, kind: "WITNESS_STATEMENT" });
      expect(kind.status).toBe(400);
    });

    it("a stale expectedVersion: VERSION_CONFLICT, nothing written", async () => {
      const open = await dispute(w);
      const before = await stored(w);
      const response = await submit(w, w.key, { caseId: open, ...tracking, expectedVersion: 99 });
      expect(response.body.data.submitCaseEvidence.userErrors.map((e: any) => e.code)).toEqual(["VERSION_CONFLICT"]);
      expect(await stored(w)).toBe(before);
    });
  });

  it("leaves every invariant holding", async () => {
    await checkInvariants(w.db);
  });
});
