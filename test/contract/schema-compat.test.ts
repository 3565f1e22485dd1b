import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, print, visit, type ObjectTypeDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import {
  checkCompatibility,
  checkRepository,
  coordinateOf,
  describeChange,
  listedBreakingChanges,
} from "../../tools/schema-compat";

/**
 * The contract survives every change: `graphql/schema.graphql` is compared with the last released
 * schema by GraphQL Inspector, and a breaking change fails here unless CHANGELOG.md lists it
 * (docs/changing-stored-data.md).
 */

const root = fileURLToPath(new URL("../../", import.meta.url));
const released = readFileSync(join(root, "graphql/released/schema.graphql"), "utf8");

/** The released schema without one field of one type. */
function withoutField(sdl: string, typeName: string, fieldName: string): string {
  return print(
    visit(parse(sdl), {
      ObjectTypeDefinition(node: ObjectTypeDefinitionNode) {
        if (node.name.value !== typeName) return undefined;
        return { ...node, fields: node.fields?.filter((f) => f.name.value !== fieldName) };
      },
    }),
  );
}

describe("schema compatibility with the released schema", () => {
  it("graphql/schema.graphql has no breaking change that CHANGELOG.md does not list", async () => {
    const report = await checkRepository();
    expect(report.unlisted.map(describeChange)).toEqual([]);
  });

  it("an unlisted breaking change fails the check, naming its coordinate", async () => {
    const report = await checkCompatibility(
      released,
      withoutField(released, "Order", "trackingNumber"),
      "# Changelog\n",
    );
    expect(report.unlisted.map(coordinateOf)).toEqual(["Order.trackingNumber"]);
  });

  it(
    "the same change passes once the changelog lists it with a " + "migration note; a bare mention does not count",
    async () => {
      const changed = withoutField(released, "Order", "trackingNumber");
      const listed = await checkCompatibility(
        released,
        changed,
        "## Unreleased\n\n- BREAKING `Order.trackingNumber`: removed; read `Order.shipment.trackingNumber`.\n",
      );
      expect(listed.breaking.map(coordinateOf)).toEqual(["Order.trackingNumber"]);
      expect(listed.unlisted).toEqual([]);
      const noNote = await checkCompatibility(
        released,
        changed,
        "- BREAKING `Order.trackingNumber`:\n- Order.trackingNumber was removed\n",
      );
      expect(noNote.unlisted.map(coordinateOf)).toEqual(["Order.trackingNumber"]);
    },
  );

  it("deprecating a field is not breaking (prefer it to removal)", async () => {
    const deprecated = released.replace(
      /(\n {2}trackingNumber: String)\n/,
      '$1 @deprecated(reason: "Read shipment.trackingNumber.")\n',
    );
    expect(deprecated).not.toBe(released);
    const report = await checkCompatibility(released, deprecated, "");
    expect(report.breaking).toEqual([]);
  });

  it("reads the changelog format strictly", () => {
    expect([
      ...listedBreakingChanges(
        "- BREAKING `Query.orders.filter`: now required.\n  * BREAKING `OrderStatus.LOST`: removed, mapped to " +
          "CANCELLED.\nBREAKING `X.y`: not a list line",
      ),
    ]).toEqual(["Query.orders.filter", "OrderStatus.LOST"]);
  });
});
