import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, WebhookDeliveriesRepo, type Db } from "@seller-ops/db";
import { isolatedTables } from "../support/isolated";

/**
 * The client gives each request attempt a time limit (client.ts) and the SDK sends a request again when its
 * answer is late, even if the first send landed. The endpoint's failing streak is one UpdateItem that adds 1, not a
 * transaction: the same failed delivery attempt sent twice must count once, or an endpoint is switched off before
 * it failed as often as the policy says. A proxy forwards every request to DynamoDB Local at once, but never answers
 * the first UpdateItem (the client gives up on it at its request limit and sends it again). The limit is 2 s, far
 * above DynamoDB Local's answer on a loaded machine, so only that one attempt times out.
 */
let upstream = "";
let proxyEndpoint = "";
let delayed = 0;
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const target = String(req.headers["x-amz-target"] ?? "");
    const url = new URL(upstream);
    const up = httpRequest(
      { host: url.hostname, port: url.port, method: req.method, path: req.url, headers: req.headers },
      (upRes) => {
        const out: Buffer[] = [];
        upRes.on("data", (c: Buffer) => out.push(c));
        upRes.on("end", () => {
          const send = () => {
            if (res.destroyed) return;
            res.writeHead(upRes.statusCode ?? 500, upRes.headers);
            res.end(Buffer.concat(out));
          };
          // The write has landed in DynamoDB; only its answer is lost (a slow network, a half-open socket).
          if (target.endsWith("UpdateItem") && delayed++ === 0) return;
          send();
        });
      },
    );
    up.end(body);
  });
});

beforeAll(async () => {
  upstream = process.env.DYNAMODB_ENDPOINT!;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxyEndpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("an endpoint's failing streak when DynamoDB answers late", () => {
  it("counts a failed delivery attempt once, though the SDK sent its write twice", async () => {
    const base = await isolatedTables("streak-retry");
    const db: Db = {
      doc: createDocumentClient({ endpoint: proxyEndpoint, timeouts: { connectionMs: 2_000, requestMs: 2_000 } }),
      tables: base.tables,
    };
    const endpointId = "whe_streak_1";
    const now = new Date().toISOString();
    const first = await WebhookDeliveriesRepo.recordFailure(db, { endpointId, now, attemptId: "g|p1|1" });
    expect(delayed, "the first answer was held back and the write sent again").toBeGreaterThan(1);
    expect(first.failedAttempts).toBe(1);
    expect((await WebhookDeliveriesRepo.streakOf(base, endpointId))?.failedAttempts).toBe(1);
    // Another attempt (the next of the same delivery, or another delivery's) still counts.
    const second = await WebhookDeliveriesRepo.recordFailure(db, { endpointId, now, attemptId: "g|p1|2" });
    expect(second.failedAttempts).toBe(2);
  });
});
