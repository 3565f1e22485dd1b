import { describe, expect, it } from "vitest";
import { Cases } from "@seller-ops/core";

/** The running numbers on both sides of every change of width, from 1 to 2^53 − 1. */
function boundaryNumbers(): number[] {
  const ns = [1, 2, 9, 10, 11, Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER];
  for (let p = 10; p <= 1e15; p *= 10) ns.push(p - 2, p - 1, p, p + 1);
  return [...new Set(ns)].sort((a, b) => a - b);
}

describe("timeline event ids", () => {
  it("keep the six-digit ids every stored event has", () => {
    expect(Cases.eventIdOf(1)).toBe("000001");
    expect(Cases.eventIdOf(42)).toBe("000042");
    expect(Cases.eventIdOf(999_999)).toBe("999999");
  });

  it("sort as their numbers do past 999,999 and up to 2^53 − 1", () => {
    const ns = boundaryNumbers();
    const ids = ns.map(Cases.eventIdOf);
    // The sort key's order is the strings' code-unit order, which is what DynamoDB compares for an S attribute.
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Cases.eventIdOf(1_000_000)).toBe("A1000000");
    expect(Cases.eventIdOf(Number.MAX_SAFE_INTEGER)).toBe("J9007199254740991");
  });
});
