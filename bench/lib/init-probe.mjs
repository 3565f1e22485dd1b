// Runs in a fresh `node` process: imports one bundle and reports how long its module init took,
// measured inside the process (performance.now() counts from process start), and its CPU time. With
// BENCH_SMOKE_KEY set it also sends one GraphQL request through the bundle's handler (BENCH_SMOKE_REPEAT
// times, with BENCH_SMOKE_VARIABLES) and reports the process's peak resident memory before and after.
import { pathToFileURL } from "node:url";

const cpuBefore = process.cpuUsage();
const started = performance.now();
const mod = await import(pathToFileURL(process.argv[2]).href);
const done = performance.now();
// CPU time of the import (user + system, all of the process's threads): on a shared machine the
// wall time above also counts the time spent waiting for a core; this does not.
const cpu = process.cpuUsage(cpuBefore);
const result = { importMs: done - started, sinceStartMs: done, importCpuMs: (cpu.user + cpu.system) / 1000 };
// maxRSS is in kilobytes: the peak resident set, what Lambda reports as "Max Memory Used".
const peakRss = () => process.resourceUsage().maxRSS * 1024;

if (process.env.BENCH_SMOKE_KEY) {
  const event = {
    version: "2.0",
    routeKey: "POST /graphql",
    rawPath: "/graphql",
    rawQueryString: "",
    headers: {
      host: "api.example.test",
      "content-type": "application/json",
      authorization: `Bearer ${process.env.BENCH_SMOKE_KEY}`,
    },
    requestContext: {
      accountId: "123456789012",
      apiId: "api",
      domainName: "api.example.test",
      domainPrefix: "api",
      http: { method: "POST", path: "/graphql", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "bench" },
      requestId: "smoke",
      routeKey: "POST /graphql",
      stage: "$default",
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: JSON.stringify({
      query: process.env.BENCH_SMOKE_QUERY ?? "{ __typename }",
      variables: process.env.BENCH_SMOKE_VARIABLES ? JSON.parse(process.env.BENCH_SMOKE_VARIABLES) : undefined,
    }),
    isBase64Encoded: false,
  };
  const context = { awsRequestId: "smoke", getRemainingTimeInMillis: () => 29_000, functionName: "graphql" };
  const rssAfterImport = peakRss();
  const firstStarted = performance.now();
  const firstCpu = process.cpuUsage();
  let response = await mod.handler(event, context);
  // The first request's own time and CPU: what a cold start costs after the import (schemas built on first use).
  result.firstRequestMs = performance.now() - firstStarted;
  const firstUsed = process.cpuUsage(firstCpu);
  result.firstRequestCpuMs = (firstUsed.user + firstUsed.system) / 1000;
  for (let i = 1; i < Number(process.env.BENCH_SMOKE_REPEAT ?? 1); i++) response = await mod.handler(event, context);
  result.smoke = { status: response.statusCode, body: String(response.body).slice(0, 300) };
  result.memory = { rssAfterImport, peakRss: peakRss(), responseBytes: String(response.body).length };
}

process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
