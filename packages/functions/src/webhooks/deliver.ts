import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { guardEndpoint, type Resolver } from "./ssrf";

/**
 * One delivery attempt: a POST of the signed body to an endpoint that passed the SSRF guard,
 * connected to the very address the guard checked. Redirects are never followed (a 3xx is a
 * failed attempt: following one would leave the checked address), the connection and the whole
 * answer are timed from the start of the attempt, the host's name resolution included, and at most
 * `maxResponseBytes` of the answer are read. Retries, backoff and the delivery log belong to the
 * dispatcher that calls this, which relies on the bound: its group lease must outlast an attempt.
 */

export interface DeliveryLimits {
  /** From the start of the attempt (the host's name resolution included) until the connection (and TLS) is up. */
  connectTimeoutMs: number;
  /** From the start of the attempt until the whole answer is read: no attempt lasts longer. */
  responseTimeoutMs: number;
  /** The most of an answer read; a longer one fails the attempt (receivers answer 2xx with little or nothing). */
  maxResponseBytes: number;
}

export const DEFAULT_DELIVERY_LIMITS: DeliveryLimits = {
  connectTimeoutMs: 3_000,
  responseTimeoutMs: 10_000,
  maxResponseBytes: 64 * 1024,
};

export type DeliveryOutcome =
  | "DELIVERED"
  | "HTTP_ERROR"
  | "REDIRECT_REFUSED"
  | "TIMEOUT"
  | "RESPONSE_TOO_LARGE"
  | "CONNECTION_FAILED"
  | "ENDPOINT_REFUSED";

export interface DeliveryResult {
  outcome: DeliveryOutcome;
  /** The HTTP status, when an answer came. */
  status: number | null;
  /** What went wrong, in a sentence for the delivery log; null when delivered. */
  detail: string | null;
  /** The start of the answer's body (at most 1 KB, for the delivery log). */
  responseExcerpt: string;
  durationMs: number;
}

const EXCERPT_BYTES = 1024;

export async function deliver(args: {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** From the configuration: local endpoints in development only. */
  allowLocal: boolean;
  resolve?: Resolver;
  limits?: Partial<DeliveryLimits>;
  /** A monotonic clock for the duration (injected; no wall clock here). */
  monotonicMs?: () => number;
  /** Extra trusted certificate authorities (tests and local receivers with their own CA). */
  ca?: string;
}): Promise<DeliveryResult> {
  const limits = { ...DEFAULT_DELIVERY_LIMITS, ...args.limits };
  const clock = args.monotonicMs ?? (() => performance.now());
  const started = clock();
  const result = (
    outcome: DeliveryOutcome,
    detail: string | null,
    status: number | null = null,
    excerpt = "",
  ): DeliveryResult => ({
    outcome,
    status,
    detail,
    responseExcerpt: excerpt,
    durationMs: Math.round(clock() - started),
  });

  // The lookup races the connect limit: a resolver that answers slowly (or never) would otherwise
  // lengthen the attempt past its bound, and the group's lease with it (docs/webhooks.md).
  const guarded = await beforeDeadline(
    guardEndpoint({
      url: args.url,
      allowLocal: args.allowLocal,
      resolve: args.resolve,
      lookupDeadlineMs: limits.connectTimeoutMs,
    }),
    limits.connectTimeoutMs,
  );
  if (guarded === "deadline")
    return result(
      "TIMEOUT",
      `No connection within ${limits.connectTimeoutMs} ms: the host name did not resolve in time.`,
    );
  if (!guarded.ok) return result("ENDPOINT_REFUSED", guarded.message);
  const { url, address, family } = guarded;
  // What the lookup used of the attempt's time is not given again to the connection and the answer.
  const left = (limitMs: number) => Math.max(0, limitMs - (clock() - started));

  // Every lookup the socket makes answers the checked address: no second resolution.
  const pinned = ((_hostname: string, options: { all?: boolean }, callback: (...a: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as unknown as LookupFunction;

  return new Promise<DeliveryResult>((resolve) => {
    let settled = false;
    const finish = (value: DeliveryResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(responseTimer);
      resolve(value);
    };
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: "POST",
        headers: { ...args.headers, "content-length": Buffer.byteLength(args.body, "utf8") },
        lookup: pinned,
        agent: false,
        ...(args.ca && { ca: args.ca }),
      },
      (res) => readAnswer(res),
    );
    const connectTimer = setTimeout(() => {
      finish(result("TIMEOUT", `No connection within ${limits.connectTimeoutMs} ms.`));
      req.destroy();
    }, left(limits.connectTimeoutMs));
    const responseTimer = setTimeout(() => {
      finish(result("TIMEOUT", `No complete answer within ${limits.responseTimeoutMs} ms.`));
      req.destroy();
    }, left(limits.responseTimeoutMs));
    req.on("socket", (socket) => {
      const connected = () => clearTimeout(connectTimer);
      socket.once(url.protocol === "https:" ? "secureConnect" : "connect", connected);
    });
    req.on("error", (error) => finish(result("CONNECTION_FAILED", error.message)));
    req.end(args.body);

    function readAnswer(res: IncomingMessage) {
      clearTimeout(connectTimer);
      const status = res.statusCode ?? 0;
      const declared = Number(res.headers["content-length"] ?? 0);
      if (declared > limits.maxResponseBytes) {
        finish(
          result(
            "RESPONSE_TOO_LARGE",
            `The answer declares ${declared} bytes; at most ${limits.maxResponseBytes} are read.`,
            status,
          ),
        );
        req.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let kept = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxResponseBytes) {
          finish(result("RESPONSE_TOO_LARGE", `The answer passed ${limits.maxResponseBytes} bytes.`, status));
          req.destroy();
          return;
        }
        if (kept < EXCERPT_BYTES) {
          chunks.push(chunk);
          kept += chunk.length;
        }
      });
      res.on("error", (error) => finish(result("CONNECTION_FAILED", error.message, status)));
      res.on("end", () => {
        const excerpt = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8");
        if (status >= 200 && status < 300) finish(result("DELIVERED", null, status, excerpt));
        else if (status >= 300 && status < 400)
          finish(result("REDIRECT_REFUSED", "Redirects are not followed: register the final URL.", status, excerpt));
        else finish(result("HTTP_ERROR", `The endpoint answered ${status}.`, status, excerpt));
      });
    }
  });
}

/**
 * The work's value, or "deadline" when it has not settled within `ms`. The work itself is not
 * stopped here: the system resolver cancels its own queries at the same deadline (ssrf.ts).
 */
async function beforeDeadline<T>(work: Promise<T>, ms: number): Promise<T | "deadline"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"deadline">((resolve) => {
    timer = setTimeout(() => resolve("deadline"), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
