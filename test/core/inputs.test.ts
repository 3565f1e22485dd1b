import { describe, expect, it } from "vitest";
import { Cases, Deposits, Errors, I18n, Inputs, Orders } from "@seller-ops/core";
import type * as z from "zod/mini";

/**
 * Control and bidirectional-override characters in ids and texts: stored and echoed, an ESC
 * sequence recolours a terminal, a line feed forges a log line, a NUL cuts a text short, and
 * U+202E shows `\u202egpj.exe` as `exe.jpg`. Every text and id input refuses them (INVALID_INPUT);
 * a multi-line text (a message, a note, a reason, a description) keeps its line breaks and tabs.
 * What is already stored is read as it is.
 */

const NOW = "2026-11-26T10:00:00.000Z";
const order = (overrides: Record<string, unknown> = {}) => ({
  marketplaceOrderId: "AE-1",
  items: [{ sku: "SKU-1", title: "Phone case", quantity: 1 }],
  buyerTotal: { amountMinor: 1000, currency: "USD" },
  settlementAmount: { amountMinor: 7000, currency: "CNY" },
  buyerCountry: "US",
  placedAt: "2026-11-25T10:00:00.000Z",
  handlingDays: 2,
  ...overrides,
});

/** The fields and codes a parse refuses, or "ok". */
function refused(schema: z.ZodMiniType, input: unknown) {
  const parsed = Errors.parseInput(schema, input, { now: NOW });
  return parsed.ok ? "ok" : parsed.errors.map((e) => [e.code, e.field!.join(".")]);
}

/** Each character the rule names, one per range end and a few between. */
const REFUSED_EVERYWHERE = [
  "\u0000",
  "\u0007",
  "\u0008",
  "\u000b",
  "\u000c",
  "\u001b",
  "\u001f",
  "\u007f",
  "\u0080",
  "\u0085",
  "\u009f",
  "\u202a",
  "\u202b",
  "\u202c",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
];
/** Line breaks (Unicode's line and paragraph separators among them) and tabs: one line refuses them, many keep them. */
const LINE_BREAKS_AND_TABS = ["\n", "\r", "\t", "\u2028", "\u2029"];
/** Characters a person's text has that the rule leaves alone (marks of right-to-left scripts among them). */
const KEPT = ["é", "深圳", "مرحبا\u200f", "\u200e", "\u00a0", "\u00a1", "\u2027", "\u2065", "\u206a", "🙂", "~"];

describe("control and bidirectional-override characters", () => {
  it("one-line texts and ids refuse every one, line breaks and tabs too; multi-line texts keep those", () => {
    for (const c of [...REFUSED_EVERYWHERE, ...LINE_BREAKS_AND_TABS])
      expect(Inputs.hasControlCharacters(`a${c}b`), JSON.stringify(c)).toBe(true);
    for (const c of REFUSED_EVERYWHERE)
      expect(Inputs.hasControlCharacters(`a${c}b`, { multiLine: true }), JSON.stringify(c)).toBe(true);
    for (const c of LINE_BREAKS_AND_TABS)
      expect(Inputs.hasControlCharacters(`a${c}b`, { multiLine: true }), JSON.stringify(c)).toBe(false);
    for (const c of KEPT) {
      expect(Inputs.hasControlCharacters(`a${c}b`), JSON.stringify(c)).toBe(false);
      expect(Inputs.hasControlCharacters(`a${c}b`, { multiLine: true }), JSON.stringify(c)).toBe(false);
    }
  });

  it("an order's marketplace id, SKU and title are refused with INVALID_INPUT naming each field", () => {
    const input = order({
      marketplaceOrderId: "AE-1\u0000\n\u001b[31m\u202e",
      items: [
        { sku: "S\u0000KU", title: "\u202egpj.exe", quantity: 1 },
        { sku: "S\tKU", title: "Line\none", quantity: 1 },
      ],
    });
    expect(refused(Orders.CreateInput, input)).toEqual([
      ["INVALID_INPUT", "input.marketplaceOrderId"],
      ["INVALID_INPUT", "input.items.0.sku"],
      ["INVALID_INPUT", "input.items.0.title"],
      ["INVALID_INPUT", "input.items.1.sku"],
      ["INVALID_INPUT", "input.items.1.title"],
    ]);
    expect(refused(Orders.CreateInput, order({ marketplaceOrderId: "AE-1 深圳 مرحبا" }))).toBe("ok");
  });

  it("ids refuse invisible formatting characters, which would make a second id that reads the same", () => {
    // Zero-width space, word joiner, byte order mark inside, soft hyphen, right-to-left mark, zero-width joiner; then
    // what is no formatting character yet shows nothing either (and NFKC keeps): variation selectors 16 and 17, the
    // combining grapheme joiner, the Hangul fillers (the half-width one folds to U+3164), a tag, blank Braille.
    for (const id of [
      "AE-778899\u200b",
      "\u2060AE-778899",
      "AE-77\ufeff8899",
      "AE-77\u00ad8899",
      "AE\u200f-1",
      "A\u200dE",
      "AE-778899\ufe0f",
      "AE-778899\u{e0100}",
      "AE-77\u034f8899",
      "AE-\u3164778899",
      "AE-\u115f778899",
      "AE-\uffa0778899",
      "AE-778899\u{e0041}",
      "AE-778899\u2800",
      // No agreed look: private-use characters (BMP and plane 15) and noncharacters, shown as nothing or a box.
      "AE-778899\ue000",
      "AE-778899\uf8ff",
      "AE-778899\u{f0000}",
      "AE-778899\uffff",
      "AE-778899\ufdd0",
      "AE-778899\u{10fffe}",
    ]) {
      expect(refused(Orders.CreateInput, order({ marketplaceOrderId: id })), JSON.stringify(id)).toEqual([
        ["INVALID_INPUT", "input.marketplaceOrderId"],
      ]);
    }
    const parsed = Errors.parseInput(Orders.CreateInput, order({ marketplaceOrderId: "AE-1\u200b" }), { now: NOW });
    if (parsed.ok) throw new Error("expected a refusal");
    expect(parsed.errors[0]!.message).toBe(
      "The marketplace order id cannot contain invisible characters (zero-width spaces or joiners, word joiners, " +
        "soft hyphens, byte order marks, direction marks, variation selectors, fillers), private-use characters or " +
        "noncharacters.",
    );
    // A title is a person's text: a zero-width joiner builds an emoji, a right-to-left mark orders Arabic.
    const title = "Family mug 👩\u200d👩\u200d👧 ❤\ufe0f مرحبا\u200f";
    expect(refused(Orders.CreateInput, order({ items: [{ sku: "S-1", title, quantity: 1 }] }))).toBe("ok");
  });

  it("every text refuses half of a surrogate pair, which strict JSON readers cannot read back", () => {
    for (const broken of ["AE-\ud800", "\udc00AE", "AE-\udbff-1"]) {
      expect(refused(Orders.CreateInput, order({ marketplaceOrderId: broken })), JSON.stringify(broken)).toEqual([
        ["INVALID_INPUT", "input.marketplaceOrderId"],
      ]);
      expect(
        refused(Orders.CreateInput, order({ items: [{ sku: "S-1", title: `Mug ${broken}`, quantity: 1 }] })),
      ).toEqual([["INVALID_INPUT", "input.items.0.title"]]);
    }
    const parsed = Errors.parseInput(Orders.CreateInput, order({ marketplaceOrderId: "AE-\ud800" }), { now: NOW });
    if (parsed.ok) throw new Error("expected a refusal");
    expect(parsed.errors[0]!.message).toBe(
      "The marketplace order id has half of a UTF-16 surrogate pair without the other half: send valid Unicode.",
    );
    expect(refused(Orders.CreateInput, order({ marketplaceOrderId: "AE-🙂" }))).toBe("ok");
  });

  it("the refusal is a text: worded in English and Chinese, one-line and multi-line alike", () => {
    const parsed = Errors.parseInput(Orders.CreateInput, order({ marketplaceOrderId: "AE\u001b[31m" }), { now: NOW });
    if (parsed.ok) throw new Error("expected a refusal");
    const [error] = parsed.errors;
    expect(error!.text).toEqual({
      key: "schema.controlCharacters",
      params: { what: "marketplaceOrderId", multiLine: false },
    });
    expect(error!.message).toBe(
      "The marketplace order id cannot contain control characters (such as line breaks and tabs) or " +
        "bidirectional-override characters.",
    );
    const zh = I18n.writer({ language: "zh-CN", timeZone: "UTC" });
    expect(zh(error!.text!)).toBe("平台订单号不能包含控制字符（换行符、制表符、转义符等）或双向文本控制字符。");
    const note = Errors.parseInput(
      Orders.IncidentInput,
      { orderId: "o1", cause: "HUMAN_ERROR", note: "Packed\u0007" },
      { now: NOW },
    );
    if (note.ok) throw new Error("expected a refusal");
    expect(note.errors[0]!.message).toBe(
      "The note cannot contain control characters other than line breaks and tabs, nor bidirectional-override " +
        "characters.",
    );
    expect(zh(note.errors[0]!.text!)).toBe("备注不能包含控制字符（换行符和制表符除外）或双向文本控制字符。");
  });

  it("multi-line texts keep line feeds, carriage returns and tabs, and refuse the rest", () => {
    const lines = "Packed on Monday.\r\nLabel printed twice:\n\t- the first one was void";
    const multiLine: [z.ZodMiniType, (text: string) => Record<string, unknown>, string][] = [
      [Orders.IncidentInput, (note) => ({ orderId: "o1", cause: "HUMAN_ERROR", note }), "input.note"],
      [Orders.CancelInput, (note) => ({ orderId: "o1", reason: "OUT_OF_STOCK", note }), "input.note"],
      [Cases.PostCaseMessageInput, (body) => ({ caseId: "c1", direction: "SELLER", body }), "input.body"],
      [Cases.EscalateCaseInput, (note) => ({ caseId: "c1", note }), "input.note"],
      [
        Cases.SubmitCaseEvidenceInput,
        (description) => ({ caseId: "c1", side: "SELLER", kind: "PHOTO", reference: "e/1.jpg", description }),
        "input.description",
      ],
      [
        Deposits.RecordViolationInput,
        (note) => ({ sellerId: "s1", kind: "QUALITY", severity: "MINOR", occurredAt: NOW, note }),
        "input.note",
      ],
      [Deposits.DecideRefundInput, (reason) => ({ applicationId: "d1.a1", outcome: "DENY", reason }), "input.reason"],
    ];
    for (const [schema, input, field] of multiLine) {
      expect(refused(schema, input(lines)), field).toBe("ok");
      for (const c of REFUSED_EVERYWHERE)
        expect(refused(schema, input(`Pac${c}ked`)), `${field} ${JSON.stringify(c)}`).toEqual([
          ["INVALID_INPUT", field],
        ]);
    }
  });

  it("ids and references are brought to NFKC: two spellings that read the same are one id", () => {
    const parsedId = (input: Record<string, unknown>) => {
      const parsed = Errors.parseInput(Orders.CreateInput, order(input), { now: NOW });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return parsed.value.marketplaceOrderId;
    };
    // A decomposed accent (E + U+0301), full-width letters and digits, an ideographic space, a ligature.
    expect(parsedId({ marketplaceOrderId: "CAFE\u0301-1001" })).toBe("CAF\u00c9-1001");
    expect(parsedId({ marketplaceOrderId: "ＡＥ－２０２６" })).toBe("AE-2026");
    expect(parsedId({ marketplaceOrderId: "\u3000AE-1\u3000" })).toBe("AE-1");
    expect(parsedId({ marketplaceOrderId: "\ufb01-1" })).toBe("fi-1");
    const ticket = Errors.parseInput(
      Orders.IncidentInput,
      { orderId: "o1", cause: "SYSTEM_ERROR", note: "n", supportTicketRef: "ＴＫ－９９" },
      { now: NOW },
    );
    expect(ticket.ok && ticket.value.supportTicketRef).toBe("TK-99");
    const refund = Errors.parseInput(
      Cases.RecordRemedyInput,
      { caseId: "c1", kind: "FULL_REFUND", reference: "RE\u0301F-1" },
      { now: NOW },
    );
    expect(refund.ok && refund.value.reference).toBe("R\u00c9F-1");
    // Length is counted after folding: a ligature that unfolds past the limit is refused.
    expect(refused(Orders.CreateInput, order({ marketplaceOrderId: "\ufdfa".repeat(4) }))).toEqual([
      ["INVALID_INPUT", "input.marketplaceOrderId"],
    ]);
    // Free texts and file references are kept as typed: `（1）` folded to `(1)` would name another file.
    const title = "Mug ＸＬ";
    const document = { kind: "SALES_DATA", reference: "evidence/证据（1）.pdf", checksum: "a".repeat(64), title };
    const applied = Errors.parseInput(
      Deposits.ApplyForRefundInput,
      { depositId: "d1", documents: [document] },
      {
        now: NOW,
      },
    );
    if (!applied.ok) throw new Error(JSON.stringify(applied.errors));
    expect(applied.value.documents[0]).toMatchObject({ reference: "evidence/证据（1）.pdf", title });
  });

  it("references, tracking numbers, carriers and support tickets are one line", () => {
    const oneLine: [z.ZodMiniType, (text: string) => Record<string, unknown>, string][] = [
      [Orders.ShipInput, (carrier) => ({ orderId: "o1", carrier, trackingNumber: "JD0001" }), "input.carrier"],
      [
        Orders.ShipInput,
        (trackingNumber) => ({ orderId: "o1", carrier: "JD", trackingNumber }),
        "input.trackingNumber",
      ],
      [
        Orders.IncidentInput,
        (supportTicketRef) => ({ orderId: "o1", cause: "SYSTEM_ERROR", note: "n", supportTicketRef }),
        "input.supportTicketRef",
      ],
      [Cases.RecordRemedyInput, (reference) => ({ caseId: "c1", kind: "APOLOGY", reference }), "input.reference"],
      [Cases.PostCaseMessageInput, (caseId) => ({ caseId, direction: "SELLER", body: "Hi" }), "input.caseId"],
    ];
    for (const [schema, input, field] of oneLine) {
      for (const c of [...REFUSED_EVERYWHERE, ...LINE_BREAKS_AND_TABS])
        expect(refused(schema, input(`JD0${c}01`)), `${field} ${JSON.stringify(c)}`).toEqual([
          ["INVALID_INPUT", field],
        ]);
    }
  });

  it("stored shapes stay lenient: an order or a case stored with such characters is still read", () => {
    const created = Orders.create({
      id: "o1",
      sellerId: "s1",
      settlementCurrency: "CNY",
      timeZone: "UTC",
      input: { ...(order() as Orders.CreateInput), shipBy: null },
      now: NOW,
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const stored = {
      ...created.value,
      marketplaceOrderId: "AE-1\u0000\n\u001b[31m\u202e",
      items: [{ sku: "S\u0000KU", title: "\u202egpj.exe", quantity: 1 }],
    };
    expect(Orders.Info.parse(stored)).toMatchObject({
      marketplaceOrderId: "AE-1\u0000\n\u001b[31m\u202e",
      items: [{ sku: "S\u0000KU", title: "\u202egpj.exe" }],
    });
  });
});
