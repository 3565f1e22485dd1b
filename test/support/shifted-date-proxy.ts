import { createServer, request } from "node:http";

/**
 * DynamoDB Local's answers dated on the run's day, for a run moved to another day (shifted-clock.cjs). The SDK
 * compares each answer's `Date` header with its own clock and, finding them days apart, corrects its offset and sends a
 * failed request again (a conditional check that failed was sent twice), which a run on today's date never does. This
 * proxy in front of DynamoDB Local moves the header by the run's shift; everything else passes through unchanged.
 */
export async function startShiftedDateProxy(
  target: string,
  shiftMs: number,
): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const to = new URL(target);
  const server = createServer((req, res) => {
    const forward = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const headers = { ...answer.headers };
        if (headers.date) headers.date = new Date(Date.parse(headers.date) + shiftMs).toUTCString();
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
