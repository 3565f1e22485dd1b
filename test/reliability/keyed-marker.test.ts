import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { KeyedItems, WebhookEndpointsRepo } from "@seller-ops/db";
import { world } from "../support/world";
import { webhookEndpoint } from "./catalog";

/**
 * A changed endpoint's `keyedBy` marker says "this version is the keyed request's effect" only
 * because every later write of the endpoint replaces the whole item through the repository's
 * `toItem`, which never carries it (packages/db/src/keyedItems.ts). An UpdateItem of an endpoint
 * would keep a stale marker on the version it produces, and a retry of that key would read its
 * effect as landed when it is not. These checks fail the day such a write appears.
 *
 * The source check finds writes that name the table (`tables.WebhookEndpoints`); the generic
 * one-item write (`KeyedItems.writeOne`, a whole item) and `npm run migrate` (which restamps shapes
 * without changing versions) name it through a variable and are reviewed, not found.
 */

const root = fileURLToPath(new URL("../../", import.meta.url));
const WRITE_KINDS: Record<string, "put" | "update" | "delete" | "check"> = {
  PutCommand: "put",
  Put: "put",
  PutRequest: "put",
  UpdateCommand: "update",
  Update: "update",
  DeleteCommand: "delete",
  Delete: "delete",
  DeleteRequest: "delete",
  ConditionCheck: "check",
};
const READS = new Set(["GetCommand", "QueryCommand", "ScanCommand", "Get", "scanItems"]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ["node_modules", "generated"].includes(entry.name) ? [] : sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Each literal naming the endpoints table, with what it is (a write's kind, a read, or unknown) and why. */
function endpointTableUses(file: string): { where: string; use: string; ok: boolean }[] {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: { where: string; use: string; ok: boolean }[] = [];
  const property = (literal: ts.ObjectLiteralExpression, name: string) =>
    literal.properties.find(
      (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === name,
    )?.initializer;
  const visit = (node: ts.Node) => {
    if (
      ts.isObjectLiteralExpression(node) &&
      /\.WebhookEndpoints$/.test(property(node, "TableName")?.getText(source) ?? "")
    ) {
      const parent = node.parent;
      // `new GetCommand({ … })`, or a helper called with the input (`scanItems(db, { … })`, the maintenance Scan).
      const owner =
        ts.isNewExpression(parent) || ts.isCallExpression(parent)
          ? parent.expression.getText(source)
          : ts.isPropertyAssignment(parent)
            ? parent.name.getText(source)
            : "?";
      const where = `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const kind = WRITE_KINDS[owner];
      const item = property(node, "Item");
      const key = property(node, "Key")?.getText(source) ?? "";
      // A Query's input handed to a pager is a read too.
      if (READS.has(owner) || property(node, "KeyConditionExpression")) found.push({ where, use: owner, ok: true });
      else if (kind === "put")
        // A whole endpoint from the repository (no marker), or an item that is no endpoint.
        found.push({
          where,
          use: `${owner} of ${item?.getText(source)}`,
          ok: /^toItem\(/.test(item?.getText(source) ?? ""),
        });
      else if (kind === "update")
        // Only the scope's counter item is updated in place; it never carries a marker.
        found.push({ where, use: `${owner} of ${key}`, ok: /COUNT_SK/.test(key) });
      else if (kind === "delete" || kind === "check") found.push({ where, use: owner, ok: true });
      else found.push({ where, use: `unrecognised use (${owner})`, ok: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("the keyed-request marker on webhook endpoints", () => {
  it("every write naming the endpoints table replaces a whole endpoint (toItem) or touches no endpoint", () => {
    const uses = [...sources(join(root, "packages")), ...sources(join(root, "tools"))].flatMap(endpointTableUses);
    expect(uses.filter((u) => u.use.startsWith("Put")).length).toBeGreaterThan(0);
    expect(uses.filter((u) => !u.ok)).toEqual([]);
  });

  it("an endpoint read with a marker is written back without it", async () => {
    const w = await world();
    const endpointId = await webhookEndpoint(w);
    const stored = (await WebhookEndpointsRepo.get(w.db, w.sellerId, endpointId))!;
    const marked = {
      ...WebhookEndpointsRepo.changeItem(stored, stored).write.item,
      [KeyedItems.MARKER_ATTRIBUTE]: "m",
    };
    const next = WebhookEndpointsRepo.fromItem(marked);
    const written = WebhookEndpointsRepo.changeItem(next, { ...next, url: "https://example.com/hooks/2" }).write.item;
    expect(written).not.toHaveProperty(KeyedItems.MARKER_ATTRIBUTE);
    expect(written).toMatchObject({ version: stored.version + 2 });
  });
});
