import { readFileSync } from "node:fs";
import { Events } from "@seller-ops/core";
import { EventsRepo, itemSizeBytes, TABLE_NAMES, type TableName } from "@seller-ops/db";
import { buildSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { scanTable } from "../support/scan";
import { world, type World } from "../support/world";
import { MUTATIONS } from "../reliability/catalog";
import { MUTATION_EVENTS, NO_EVENT, OPERATOR_LEVEL } from "./catalog";

/**
 * No change without its event: every mutation of the reliability catalog is run once, and when
 * it changed what the tables hold (any item other than events and idempotency records), it must
 * have recorded at least one event, of a type its catalog entry names, about the seller it
 * changed (none for operator-level types), under the caller's key id.
 */
const schema = buildSchema(readFileSync(new URL("../../graphql/schema.graphql", import.meta.url), "utf8"));
const mutationNames = Object.keys(schema.getMutationType()?.getFields() ?? {});

/** Tables whose items are bookkeeping of the request, not state an event describes. */
const NOT_STATE: readonly TableName[] = ["Events", "Idempotency"];

async function stateOf(w: World): Promise<Map<string, string>> {
  const state = new Map<string, string>();
  for (const table of TABLE_NAMES.filter((t) => !NOT_STATE.includes(t))) {
    for (const item of await scanTable(w.db, table))
      state.set(`${table}:${String(item.pk ?? item.keyHash)}:${String(item.sk ?? "")}`, JSON.stringify(item));
  }
  return state;
}

const changed = (before: Map<string, string>, after: Map<string, string>) =>
  [...after].filter(([key, value]) => before.get(key) !== value).map(([key]) => key);

async function eventsOf(w: World): Promise<Events.EventRecord[]> {
  return (await scanTable(w.db, "Events")).map((item) => EventsRepo.fromItem(item));
}

describe("the event catalog", () => {
  it("names every mutation of the schema, with known event types", () => {
    const missing = mutationNames.filter((name) => !(name in MUTATION_EVENTS));
    expect(missing, "mutations without events: add them to test/events/catalog.ts").toEqual([]);
    for (const [name, types] of Object.entries(MUTATION_EVENTS)) {
      for (const type of types) expect(Events.EVENT_TYPES).toContain(type);
      if (types.length === 0) expect(NO_EVENT[name], `${name} records no event: say why in NO_EVENT`).toBeTruthy();
    }
  });

  it("the schema's EventType enum lists exactly the core's event types", () => {
    const enumType = schema.getType("EventType") as unknown as {
      getValues(): { name: string; description?: string | null }[];
    };
    const values = enumType.getValues();
    expect(values.map((v) => v.name).sort()).toEqual([...Events.EVENT_TYPES].sort());
    for (const value of values) expect(value.description?.trim(), value.name).toBeTruthy();
  });
});

describe("every mutation that changes state records its events in the same write", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it.each(MUTATIONS.map((m) => [m.name, m] as const))("%s", async (name, mutation) => {
    const { key, input } = await mutation.arrange(w);
    const stateBefore = await stateOf(w);
    const eventsBefore = new Set((await eventsOf(w)).map((e) => e.eventId));
    const response = await graphql(
      w.api,
      `mutation($input: ${mutation.inputType}!) { ${name}(input: $input) { ${mutation.selection} ` +
        "userErrors { code } } }",
      { key, variables: { input } },
    );
    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    expect(response.body.data[name].userErrors).toEqual([]);
    const changes = changed(stateBefore, await stateOf(w));
    const recorded = (await eventsOf(w)).filter((e) => !eventsBefore.has(e.eventId));
    expect(changes.length, `${name} changed nothing: the catalog's input is not a change`).toBeGreaterThan(0);
    if (NO_EVENT[name]) return expect(recorded).toEqual([]);
    expect(recorded.length, `${name} changed ${changes.join(", ")} without an event`).toBeGreaterThan(0);
    const keyId = (await graphql(w.api, "{ viewer { keyId } }", { key })).body.data?.viewer?.keyId;
    for (const event of recorded) {
      expect(MUTATION_EVENTS[name], `${name} recorded ${event.type}`).toContain(event.type);
      if (OPERATOR_LEVEL.includes(event.type)) expect(event.sellerId).toBeNull();
      else expect(event.sellerId).toBeTruthy();
      if (keyId) expect(event.actorKeyId).toBe(keyId);
      // Who acted is the envelope's, shown per side: a payload reaches both sides' readers and the webhooks.
      if (keyId) expect(JSON.stringify(event.payload), `${event.type} payload names the key`).not.toContain(keyId);
      expect(Events.payloadBytes(event.payload)).toBeLessThanOrEqual(Events.MAX_PAYLOAD_BYTES);
      // Written in the change's transaction, where every started KB costs 2 write units: one KB at most.
      expect(itemSizeBytes(EventsRepo.toItem(event)), `${event.type} item bytes`).toBeLessThanOrEqual(1024);
    }
  });
});
