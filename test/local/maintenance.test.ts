import { describe, expect, it } from "vitest";
import { maintenanceDatabase } from "../../packages/local/src/maintenance";

/**
 * Which tables a maintenance command (`npm run keys`, `stats`, `migrate`, `webhooks:reseal`, `repair:*`) works on. An
 * operator runs them inside `npx sst shell --stage NAME` against a deployed stage: there, a table left unlinked must
 * stop the command by name; falling back to the local tables would report a repair that touched nothing.
 */
const link = (name: string) => JSON.stringify({ name, type: "sst.aws.Dynamo" });

describe("maintenanceDatabase", () => {
  // What the command says it works on, before it reads anything.
  const told: string[] = [];
  const tell = (line: string) => told.push(line);

  it("outside a shell: the DynamoDB Local tables, said so", () => {
    const env = { DYNAMODB_ENDPOINT: "http://127.0.0.1:8000", TABLE_PREFIX: "demo" };
    const db = maintenanceDatabase(undefined, env, tell);
    expect(db.tables.Orders).toBe("demo-Orders");
    expect(told.pop()).toBe(
      "Working on DynamoDB Local at http://127.0.0.1:8000, tables demo-*: not a deployed stage (for one, run inside " +
        "`npx sst shell --stage NAME`).",
    );
    db.doc.destroy();
  });

  it("inside a shell: the stage's linked tables, named, and where the requests go", () => {
    const db = maintenanceDatabase(["Orders"], { SST_RESOURCE_Orders: link("prod-Orders-abc") }, tell);
    expect(db.tables.Orders).toBe("prod-Orders-abc");
    expect(told.pop()).toBe("Working on the stage's linked tables on AWS: prod-Orders-abc.");
    db.doc.destroy();
    const leftOver = { SST_RESOURCE_Orders: link("prod-Orders-abc"), DYNAMODB_ENDPOINT: "http://127.0.0.1:8000" };
    maintenanceDatabase(["Orders"], leftOver, tell).doc.destroy();
    expect(told.pop()).toBe(
      "Working on the stage's linked tables at http://127.0.0.1:8000 (DYNAMODB_ENDPOINT): prod-Orders-abc.",
    );
  });

  it("inside a shell with a required table unlinked: an error naming it, not the local tables", () => {
    const env = { SST_RESOURCE_Orders: link("prod-Orders-abc"), DYNAMODB_ENDPOINT: "http://127.0.0.1:8000" };
    expect(() => maintenanceDatabase(["Orders", "Cases"], env, tell)).toThrow(/The Cases table is not linked/);
  });
});
