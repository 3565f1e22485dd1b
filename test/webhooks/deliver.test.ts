import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Webhooks } from "@seller-ops/core";
import { deliver } from "@seller-ops/functions/src/webhooks/deliver";
import type { Resolver } from "@seller-ops/functions/src/webhooks/ssrf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * One delivery attempt against receivers on this machine: local endpoints are allowed here as in
 * development (`allowLocal`), which is how a partner develops against `npm start`.
 */

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

const received: Received[] = [];
const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  "/ok": (_req, res) => res.writeHead(204).end(),
  "/fail": (_req, res) => res.writeHead(500, { "content-type": "text/plain" }).end("database down"),
  "/moved": (_req, res) => res.writeHead(302, { location: "/ok-after-redirect" }).end(),
  "/ok-after-redirect": (_req, res) => res.writeHead(200).end(),
  "/silent": () => {}, // never answers
  "/slow": (_req, res) => {
    setTimeout(() => res.writeHead(204).end(), 250);
  },
  "/huge": (_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("x".repeat(200 * 1024));
  },
  "/huge-declared": (_req, res) => {
    res.writeHead(200, { "content-length": String(10 * 1024 * 1024) });
    res.write("x");
  },
  "/stream": (_req, res) => {
    // No content-length: the cap is found while reading.
    res.writeHead(200, { "transfer-encoding": "chunked" });
    const chunk = "y".repeat(16 * 1024);
    let sent = 0;
    const timer = setInterval(() => {
      if (res.destroyed || sent++ > 20) {
        clearInterval(timer);
        res.end();
        return;
      }
      res.write(chunk);
    }, 1);
  },
};

function handler(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
    (routes[req.url ?? ""] ?? ((_q, s) => s.writeHead(404).end()))(req, res);
  });
}

const listen = (server: Server | TcpServer) =>
  new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );

let http: Server;
let https: Server;
let tcpOnly: TcpServer;
let port: number;
let tlsPort: number;
let tcpPort: number;
let ca: string;
const tcpSockets = new Set<import("node:net").Socket>();

beforeAll(async () => {
  http = createHttpServer(handler);
  port = await listen(http);
  // A certificate for localhost from a throwaway CA of this run (openssl is on these machines).
  const dir = mkdtempSync(join(tmpdir(), "webhook-tls-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
      "-days",
      "2",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost",
    ],
    { stdio: "ignore" },
  );
  ca = readFileSync(join(dir, "cert.pem"), "utf8");
  https = createHttpsServer({ key: readFileSync(join(dir, "key.pem")), cert: ca }, handler);
  tlsPort = await listen(https);
  // Accepts TCP connections and says nothing: a TLS handshake never completes.
  tcpOnly = createTcpServer((socket) => tcpSockets.add(socket));
  tcpPort = await listen(tcpOnly);
});

afterAll(async () => {
  for (const socket of tcpSockets) socket.destroy();
  for (const server of [http, https, tcpOnly]) {
    (server as Server).closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  }
});

const secret = "whsec_receiver-test-secret";
const body = JSON.stringify({ id: "evt_1", type: "ORDER_SHIPPED" });
const signed = (timestamp: number) => ({
  "content-type": "application/json",
  [Webhooks.SIGNATURE_HEADER]: Webhooks.signatureHeader({ secrets: [secret], timestamp, body }),
});
const attempt = (path: string, extra: Partial<Parameters<typeof deliver>[0]> = {}) =>
  deliver({ url: `http://localhost:${port}${path}`, body, headers: signed(1_900_000_000), allowLocal: true, ...extra });
const lastAt = (path: string) => received.filter((r) => r.path === path).at(-1);

describe("one webhook delivery attempt", () => {
  it("delivers the body and the signature as signed; the receiver verifies it", async () => {
    const result = await attempt("/ok");
    expect(result).toMatchObject({ outcome: "DELIVERED", status: 204, detail: null });
    const got = lastAt("/ok")!;
    expect(got.body).toBe(body);
    const verified = Webhooks.verify({
      header: String(got.headers[Webhooks.SIGNATURE_HEADER]),
      body: got.body,
      secrets: [secret],
      nowSeconds: 1_900_000_010,
    });
    expect(verified.ok).toBe(true);
  });

  it("a 500 is a failed attempt with the status and the start of the answer", async () => {
    expect(await attempt("/fail")).toMatchObject({
      outcome: "HTTP_ERROR",
      status: 500,
      responseExcerpt: "database down",
    });
  });

  it("a redirect is never followed", async () => {
    const before = received.filter((r) => r.path === "/ok-after-redirect").length;
    expect(await attempt("/moved")).toMatchObject({ outcome: "REDIRECT_REFUSED", status: 302 });
    expect(received.filter((r) => r.path === "/ok-after-redirect").length).toBe(before);
  });

  it("an endpoint that never answers times out at the response limit", async () => {
    const result = await attempt("/silent", { limits: { responseTimeoutMs: 300 } });
    expect(result).toMatchObject({ outcome: "TIMEOUT", status: null });
    expect(result.durationMs).toBeGreaterThanOrEqual(250);
    expect(result.durationMs).toBeLessThan(3_000);
  });

  it("a host that resolves slowly, or never, times out at the connect limit (the lookup is timed)", async () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const slowly: Resolver = async () => {
      await sleep(1_500);
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const deadlines: number[] = [];
    const never: Resolver = (_host, deadlineMs) => {
      deadlines.push(deadlineMs);
      return new Promise(() => {});
    };
    for (const resolve of [slowly, never]) {
      const before = received.length;
      const result = await attempt("/ok", { resolve, limits: { connectTimeoutMs: 300, responseTimeoutMs: 400 } });
      expect(result).toMatchObject({ outcome: "TIMEOUT", status: null });
      expect(result.detail).toMatch(/did not resolve in time/);
      expect(result.durationMs).toBeGreaterThanOrEqual(250);
      // Far under the 3 s default: the limit given was the one applied (the margin is for a loaded machine).
      expect(result.durationMs).toBeLessThan(2_000);
      expect(received.length).toBe(before);
    }
    // The resolver is told the attempt's limit, so the system resolver cancels its query then (ssrf.ts).
    expect(deadlines).toEqual([300]);
  });

  it("the response limit counts from before the lookup: a slow lookup and answer together time out", async () => {
    // Each alone fits the 400 ms; together they pass it (the lookup used to be outside every limit).
    const resolve: Resolver = async () => {
      await new Promise((done) => setTimeout(done, 250));
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const result = await attempt("/slow", { resolve, limits: { connectTimeoutMs: 1_000, responseTimeoutMs: 400 } });
    expect(result).toMatchObject({ outcome: "TIMEOUT", detail: "No complete answer within 400 ms." });
    // Far under the 10 s default (the margin is for a loaded machine).
    expect(result.durationMs).toBeLessThan(2_000);
  });

  it("a TLS handshake that never completes times out at the connect limit", async () => {
    const result = await deliver({
      url: `https://localhost:${tcpPort}/ok`,
      body,
      headers: {},
      allowLocal: true,
      ca,
      limits: { connectTimeoutMs: 300 },
    });
    expect(result).toMatchObject({ outcome: "TIMEOUT" });
    expect(result.detail).toMatch(/connection/);
  });

  it("reads at most the size cap of an answer, declared or streamed", async () => {
    for (const path of ["/huge", "/huge-declared", "/stream"]) {
      expect(await attempt(path, { limits: { maxResponseBytes: 64 * 1024 } }), path).toMatchObject({
        outcome: "RESPONSE_TOO_LARGE",
        status: 200,
      });
    }
    expect(await attempt("/huge", { limits: { maxResponseBytes: 256 * 1024 } })).toMatchObject({
      outcome: "DELIVERED",
    });
  });

  it("a closed port is a failed connection", async () => {
    const closed = createTcpServer();
    const free = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    expect(await deliver({ url: `http://localhost:${free}/ok`, body, headers: {}, allowLocal: true })).toMatchObject({
      outcome: "CONNECTION_FAILED",
    });
  });

  it("where local endpoints are not allowed (production), one is refused before any connection", async () => {
    const before = received.length;
    expect(await attempt("/ok", { allowLocal: false })).toMatchObject({ outcome: "ENDPOINT_REFUSED" });
    expect(received.length).toBe(before);
  });

  it("connects to the address the guard checked, resolving once (a changing DNS answer cannot move it)", async () => {
    let calls = 0;
    // A rebinding resolver: loopback (allowed for a local name in development) the first time,
    // the metadata service after.
    const rebinding: Resolver = async () => [{ address: calls++ === 0 ? "127.0.0.1" : "169.254.169.254", family: 4 }];
    const result = await deliver({
      url: `http://app.localhost:${port}/ok`,
      body,
      headers: {},
      allowLocal: true,
      resolve: rebinding,
    });
    expect(result).toMatchObject({ outcome: "DELIVERED" });
    expect(calls).toBe(1);
    expect(lastAt("/ok")!.headers.host).toBe(`app.localhost:${port}`);
  });

  it("https: verifies the endpoint's certificate for its host name", async () => {
    expect(
      await deliver({ url: `https://localhost:${tlsPort}/ok`, body, headers: {}, allowLocal: true, ca }),
    ).toMatchObject({ outcome: "DELIVERED", status: 204 });
    // Without trusting this run's CA, the self-signed certificate is refused.
    expect(
      await deliver({ url: `https://localhost:${tlsPort}/ok`, body, headers: {}, allowLocal: true }),
    ).toMatchObject({ outcome: "CONNECTION_FAILED" });
  });
});
