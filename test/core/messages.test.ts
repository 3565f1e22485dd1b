import { describe, expect, it } from "vitest";
import { Errors, Orders } from "@seller-ops/core";

describe("userError messages", () => {
  const now = "2026-11-26T00:00:00.000Z";

  it("name the field and the rule, never the validator's wording", () => {
    const blankTicket = Errors.parseInput(
      Orders.IncidentInput,
      { orderId: "o1", cause: "SYSTEM_ERROR", note: "Dropped.", supportTicketRef: " " },
      { now },
    );
    expect(blankTicket).toEqual({
      ok: false,
      errors: [
        {
          code: "INVALID_INPUT",
          field: ["input", "supportTicketRef"],
          message: "supportTicketRef: A support ticket reference cannot be empty.",
          // The same refusal as a text, which the API writes in the reader's language.
          text: {
            key: "schema.aboutField",
            params: { field: "supportTicketRef", text: { key: "schema.empty", params: { what: "supportTicketRef" } } },
          },
        },
      ],
    });

    const wrong = Errors.parseInput(
      Orders.IncidentInput,
      { orderId: "o1", cause: "MAYBE", note: "x", extra: true },
      { now },
    );
    expect(wrong.ok).toBe(false);
    if (wrong.ok) return;
    expect(wrong.errors.map((e) => e.message)).toEqual([
      "cause must be one of HUMAN_ERROR, SYSTEM_ERROR, SUSPECTED_PLATFORM_ERROR, UNKNOWN.",
      "extra is not a field of this input: remove it.",
    ]);
  });

  it("lead with the field when the schema's own sentence does not name it", () => {
    const late = Errors.parseInput(
      Orders.ShipInput,
      { orderId: "o1", carrier: "DHL", trackingNumber: "JD12345", shippedAt: "yesterday" },
      { now },
    );
    expect(late.ok).toBe(false);
    if (late.ok) return;
    expect(late.errors.find((e) => e.field?.[1] === "shippedAt")!.message).toMatch(/^shippedAt: Dates are ISO 8601/);
  });
});
