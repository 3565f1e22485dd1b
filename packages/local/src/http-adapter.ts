import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";
import { httpApiEvent, INTEGRATION_TIMEOUT_MS, lambdaContext } from "./gateway-events";

/**
 * A local stand-in for API Gateway's HTTP API in front of the GraphQL Lambda: each HTTP request
 * becomes a payload format 2.0 event, the handler's answer is written back as it is. Nothing is
 * added on the way out (no CORS, no rewriting): what a client sees locally is what the deployed
 * stack answers. Only the framing (content-length, chunking) is the HTTP server's business.
 */

export type HttpApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

/** The route the API is deployed on; every other path is a 404 from the "gateway" itself. */
export const GRAPHQL_PATH = "/graphql";

/** API Gateway refuses payloads above 10 MB; the adapter stops reading a little above that. */
export const MAX_ADAPTER_BODY_BYTES = 11 * 1024 * 1024;

export interface HttpAdapter {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface HttpAdapterOptions {
  handler: HttpApiHandler;
  port?: number;
  host?: string;
  functionName?: string;
  /** Where unexpected failures (a handler that throws) are reported; stderr by default. */
  onError?: (error: unknown) => void;
  /**
   * Local pages asked before the route (the API explorer): what it declines reaches the handler
   * unchanged. Never part of the deployed stack.
   */
  explorer?: { serve(req: IncomingMessage, res: ServerResponse): boolean };
}

/** Content types API Gateway passes as text; anything else arrives base64-encoded. */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  return (
    type.startsWith("text/") ||
    type === "application/json" ||
    type.endsWith("+json") ||
    type === "application/graphql" ||
    type === "application/graphql-response+json" ||
    type === "application/xml" ||
    type.endsWith("+xml") ||
    type === "application/javascript" ||
    type === "application/x-www-form-urlencoded"
  );
}

/** Builds the event API Gateway would deliver for this request and body. */
export function toHttpApiEvent(req: IncomingMessage, body: Buffer, now: Date = new Date()): APIGatewayProxyEventV2 {
  const target = req.url ?? "/";
  const queryAt = target.indexOf("?");
  const rawPath = queryAt >= 0 ? target.slice(0, queryAt) : target;
  const rawQueryString = queryAt >= 0 ? target.slice(queryAt + 1) : "";
  const method = (req.method ?? "GET").toUpperCase();

  // Headers lower-cased, repeated ones joined with commas; cookies move to their own field.
  const collected = new Map<string, string[]>();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const list = collected.get(name) ?? [];
    list.push(req.rawHeaders[i + 1]!);
    collected.set(name, list);
  }
  const cookies = (collected.get("cookie") ?? []).flatMap((line) =>
    line
      .split(";")
      .map((c) => c.trim())
      .filter(Boolean),
  );
  collected.delete("cookie");
  const headers: Record<string, string> = {};
  for (const [name, values] of collected) headers[name] = values.join(",");

  const sourceIp = (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
  headers["x-forwarded-for"] = headers["x-forwarded-for"] ? `${headers["x-forwarded-for"]}, ${sourceIp}` : sourceIp;
  headers["x-forwarded-proto"] ??= "http";
  headers["x-forwarded-port"] ??= String(req.socket.localPort ?? "");

  const text = isTextContentType(headers["content-type"]);
  return httpApiEvent({
    method,
    rawPath,
    rawQueryString,
    headers,
    cookies,
    sourceIp,
    protocol: `HTTP/${req.httpVersion}`,
    api: { accountId: "000000000000", apiId: "local" },
    now,
    ...(body.length > 0 && { body: text ? body.toString("utf8") : body.toString("base64"), isBase64Encoded: !text }),
  });
}

/** Headers the HTTP server sets itself from the bytes it actually sends. */
const FRAMING_HEADERS = new Set(["content-length", "transfer-encoding", "connection"]);

/** Writes the handler's answer: status, headers, cookies and body (base64 decoded) as given. */
export function writeHttpApiResult(res: ServerResponse, result: APIGatewayProxyResultV2): void {
  // A handler may return a bare value: API Gateway then answers 200 with it as a JSON body.
  if (typeof result !== "object" || result === null || !("statusCode" in result)) {
    const body = typeof result === "string" ? result : JSON.stringify(result);
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  const body = result.body ? Buffer.from(result.body, result.isBase64Encoded ? "base64" : "utf8") : Buffer.alloc(0);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    if (FRAMING_HEADERS.has(name.toLowerCase())) continue;
    headers[name] = String(value);
  }
  if (result.cookies && result.cookies.length > 0) {
    const existing = Object.keys(headers).find((name) => name.toLowerCase() === "set-cookie");
    const already = existing ? [headers[existing] as string] : [];
    if (existing) delete headers[existing];
    headers["set-cookie"] = [...already, ...result.cookies];
  }
  headers["content-length"] = String(body.length);
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, payload: unknown, extra: Record<string, string> = {}): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...extra });
  res.end(body);
}

/** Reads the body, or null (after answering 413) once it exceeds the adapter's limit. */
function readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null> {
  const tooLarge = () => {
    sendJson(res, 413, { message: "Request Entity Too Large" }, { connection: "close" });
    res.once("finish", () => req.socket.destroy());
  };
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_ADAPTER_BODY_BYTES) {
    tooLarge();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_ADAPTER_BODY_BYTES) {
        done = true;
        chunks.length = 0;
        tooLarge();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks));
    });
    req.on("error", (error) => {
      if (done) return;
      done = true;
      reject(error);
    });
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
const TIMED_OUT = Symbol("timed out");

/** Serves the handler at `http://host:port/graphql`; `port: 0` picks a free port. */
export async function startHttpAdapter(options: HttpAdapterOptions): Promise<HttpAdapter> {
  const host = options.host ?? "127.0.0.1";
  const functionName = options.functionName ?? "graphql";
  const onError = options.onError ?? ((error: unknown) => console.error("Handler failed:", error));

  const server = createServer(async (req, res) => {
    try {
      if (options.explorer?.serve(req, res)) return;
      const path = (req.url ?? "/").split("?")[0];
      if (path !== GRAPHQL_PATH) {
        req.resume();
        sendJson(res, 404, { error: `Not found: the API is at ${GRAPHQL_PATH}` });
        return;
      }
      const body = await readBody(req, res);
      if (body === null) return;
      const event = toHttpApiEvent(req, body);
      let result: APIGatewayProxyResultV2 | typeof TIMED_OUT;
      try {
        result = await withTimeout(
          options.handler(event, lambdaContext(functionName, { region: "local", accountId: "000000000000" })),
          INTEGRATION_TIMEOUT_MS,
        );
      } catch (error) {
        // What API Gateway answers when the function fails.
        onError(error);
        sendJson(res, 500, { message: "Internal Server Error" });
        return;
      }
      if (result === TIMED_OUT) {
        sendJson(res, 503, { message: "Service Unavailable" });
        return;
      }
      writeHttpApiResult(res, result);
    } catch (error) {
      onError(error);
      if (!res.headersSent) sendJson(res, 500, { message: "Internal Server Error" });
      else res.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === "0.0.0.0" || host === "::" || host === "127.0.0.1" ? "localhost" : host;

  return {
    url: `http://${shownHost}:${port}${GRAPHQL_PATH}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
