import { describe, expect, it } from "vitest";
import { maintenanceDatabase } from "../../packages/local/src/maintenance";

/**
 * Which tables a maintenance command (`npm run keys`, `stats`, `migrate`, `webhooks:reseal`, `repair:*`) works on. An
 * operator runs them inside `npx sst shell --stage NAME` against a deployed stage: there, a table left unlinked must
 * stop the command by name; falling back to the local tables would report a repair that touched nothing.
 */
const link = (name: string) => JSON.stringify({ name, type: "sst.aws.Dynamo" });

describe("maintenanceDatabase", () => {
  it("outside a shell: the DynamoDB Local tables", () => {
    const db = maintenanceDatabase(undefined, { DYNAMODB_ENDPOINT: "http://127.0.0.1:8000", TABLE_PREFIX: "demo" });
    expect(db.tables.Orders).toBe("demo-Orders");
    db.doc.destroy();
  });

  it("inside a shell: the stage's linked tables", () => {
    const db = maintenanceDatabase(["Orders"], { SST_RESOURCE_Orders: link("prod-Orders-abc") });
    expect(db.tables.Orders).toBe("prod-Orders-abc");
    db.doc.destroy();
  });

  it("inside a shell with a required table unlinked: an error naming it, not the local tables", () => {
    const env = { SST_RESOURCE_Orders: link("prod-Orders-abc"), DYNAMODB_ENDPOINT: "http://127.0.0.1:8000" };
    expect(() => maintenanceDatabase(["Orders", "Cases"], env)).toThrow(/The Cases table is not linked/);
  });
});
