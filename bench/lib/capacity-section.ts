import { createDocumentClient, type Db, type TableName } from "@seller-ops/db";
import { call, type LambdaHttpHandler, type Operation } from "./api";
import { describe, meter, readFloor, total, type Units } from "./capacity";
import type { MutationCapacity } from "./mutation-capacity";
import type { Results } from "./results";
import { round } from "./stats";

/** What one operation consumes, for the cost model. */
export interface OperationUnits {
  id: string;
  label: string;
  measured: Units;
  floor: Units;
}

export const READ_TARGET = 1.25;
export const MUTATION_TARGET = 1.5;

const fmt = (u: Units) => `${round(u.read, 1)} read + ${u.write} write units`;

/** Read capacity of every example operation (page of 50) against its floor. */
export async function readCapacity(
  createHandler: (db: Db) => LambdaHttpHandler,
  tables: Record<TableName, string>,
  ops: Operation[],
  results: Results,
): Promise<OperationUnits[]> {
  const raw = createDocumentClient();
  const doc = createDocumentClient();
  const metered = meter(doc, raw, tables);
  const handler = createHandler({ doc, tables });
  const out: OperationUnits[] = [];
  for (const op of ops) {
    metered.reset();
    const { body } = await call(handler, op.query(50), op.key, op.variables);
    if (body.errors?.length) throw new Error(`${op.label}: ${JSON.stringify(body.errors)}`);
    const measured = total(metered.requests);
    const floor = readFloor(metered.requests);
    process.stdout.write(`  ${op.label}: ${fmt(measured)}, floor ${fmt(floor)} (${describe(metered.requests)})\n`);
    results.add(`read units: ${op.label}`, "count", measured.read, "RRU", undefined, describe(metered.requests));
    results.add(`read units floor: ${op.label}`, "count", floor.read, "RRU");
    results.add(
      `read units ratio to floor: ${op.label}`,
      "ratio",
      round(measured.read / floor.read),
      "×",
      { op: "<=", value: READ_TARGET },
      "capacity units by AWS's rules: deterministic, not a time",
    );
    out.push({ id: op.id, label: op.label, measured, floor });
  }
  doc.destroy();
  raw.destroy();
  return out;
}

/** Every mutation's capacity with an idempotencyKey against its floor (write units: see bench/README.md). */
export function mutationFigures(mutations: MutationCapacity[], results: Results): void {
  for (const m of mutations) {
    process.stdout.write(
      `  ${m.name}: ${fmt(m.measured)}, floor ${fmt(m.floor)}; idempotency ${m.idempotencyWrite} write units ` +
        `(record ${m.recordBytes} B); events ${m.events.items} ` +
        `(${m.events.bytes} B, ${m.events.writeUnits} write units) — ${m.requests}\n`,
    );
    results.add(
      `write units ratio to floor, with idempotencyKey: ${m.name}`,
      "ratio",
      round(m.measured.write / m.floor.write),
      "×",
      { op: "<=", value: MUTATION_TARGET },
      `${m.measured.write} write + ${round(m.measured.read, 1)} read units; floor ${m.floor.write} write + ` +
        `${round(m.floor.read, 1)} read; idempotency record ${m.recordBytes} B, ${m.idempotencyWrite} write units`,
    );
    // The floor above is a transaction, as the target defines it. A one-item change needs none: against the
    // item written directly (its cheapest form), the key's share shows in full. Context, no target.
    if (m.floor.directWrite !== m.floor.write) {
      results.add(
        `write units ratio to a direct write of the one item, with idempotencyKey: ${m.name}`,
        "ratio",
        round(m.measured.write / m.floor.directWrite),
        "×",
        undefined,
        `${m.measured.write} write units against ${m.floor.directWrite} for the item alone, without a transaction`,
      );
    }
  }
  // What the event log costs each change: the extra Puts in its transaction (issue 19, "no surprise costs").
  const most = mutations.reduce((a, b) => (b.events.writeUnits > a.events.writeUnits ? b : a));
  const without = mutations.filter((m) => m.events.items === 0).map((m) => m.name);
  results.add(
    "event items written per mutation, most",
    "count",
    Math.max(...mutations.map((m) => m.events.items)),
    "items",
    undefined,
    `every change writes its events in its own transaction; no event: ${without.join(", ") || "—"}`,
  );
  results.add(
    "event write units per mutation, most",
    "count",
    most.events.writeUnits,
    "write units",
    undefined,
    `${most.name}: ${most.events.items} event item(s), ${most.events.bytes} B, ×2 inside the transaction`,
  );
  const worst = Math.max(...mutations.map((m) => m.measured.write / m.floor.write));
  results.add("write units ratio to floor, worst mutation", "ratio", round(worst), "×", {
    op: "<=",
    value: MUTATION_TARGET,
  });
}
