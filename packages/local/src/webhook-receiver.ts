import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhooks } from "@seller-ops/core";

/**
 * A webhook receiver on this machine, as a partner writes one: it reads the raw body, checks the
 * `seller-ops-signature` header against the endpoint's secret(s) (docs/webhooks.md), answers, and
 * keeps (and may print) what it got. `npm start` runs one for the demo endpoint; the tests run
 * others and tell them how to answer (a 500, a slow answer) to exercise retries.
 */

export interface ReceivedDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed event (null when the body is not JSON). */
  event: { id: string; type: string; sellerId: string | null; object: { id: string; version: number } } | null;
  /** Whether the signature checked out against the secrets the receiver knows. */
  verified: boolean;
  verifyRefusal: Webhooks.VerifyRefusal | null;
  status: number;
}

/**
 * How to answer one delivery: a status, optionally after a delay (longer than the sender's timeout: a timeout), or once
 * `after` settles (a test holds the answer while it does something else, in a known order).
 */
export type Answer = { status: number; delayMs?: number; after?: Promise<unknown>; body?: string };

export interface WebhookReceiver {
  port: number;
  /** The endpoint URL for a path on this receiver: `http://localhost:<port><path>`. */
  url(path?: string): string;
  received: ReceivedDelivery[];
  stop(): Promise<void>;
}

export async function startWebhookReceiver(options: {
  /** The signing secrets the receiver accepts, by request path (a partner configures its secret per endpoint). */
  secretsFor: (path: string) => readonly string[];
  /** How to answer; 204 after a verified delivery and 400 after an unverified one by default. */
  answer?: (delivery: Omit<ReceivedDelivery, "status">) => Answer | undefined;
  /** Called with each delivery once answered (npm start prints it). */
  onDelivery?: (delivery: ReceivedDelivery) => void;
  port?: number;
  /** The receiver's clock for the signature's tolerance, in Unix seconds. */
  nowSeconds?: () => number;
}): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const path = req.url ?? "/";
      const header = req.headers[Webhooks.SIGNATURE_HEADER];
      const check = Webhooks.verify({
        header: typeof header === "string" ? header : "",
        body,
        secrets: options.secretsFor(path),
        nowSeconds: nowSeconds(),
      });
      let event: ReceivedDelivery["event"] = null;
      try {
        event = JSON.parse(body);
      } catch {
        event = null;
      }
      const delivery = {
        path,
        headers: req.headers,
        body,
        event,
        verified: check.ok,
        verifyRefusal: check.ok ? null : check.reason,
      };
      const answer = options.answer?.(delivery) ?? { status: check.ok ? 204 : 400 };
      const finish = () => {
        const done = { ...delivery, status: answer.status };
        received.push(done);
        res.writeHead(answer.status, { "content-type": "text/plain" });
        res.end(answer.body ?? "");
        options.onDelivery?.(done);
      };
      if (answer.after) answer.after.then(finish, finish);
      else if (answer.delayMs) setTimeout(finish, answer.delayMs);
      else finish();
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
  return {
    port,
    url: (path = "/hooks") => `http://localhost:${port}${path}`,
    received,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
