import type { Units } from "./capacity";
import type { Results } from "./results";
import { round } from "./stats";

/**
 * On-demand prices, US East (N. Virginia), x86_64 (the stacks set no architecture), as read on
 * 2026-11-30; sources and the exact reading in bench/README.md ("Money"). Free tiers are left out:
 * the model prices the marginal request.
 */
export const PRICES = {
  region: "us-east-1",
  readOn: "2026-11-30",
  /** DynamoDB on-demand, standard table class, since the 2024-11-01 price cut. */
  dynamoPerMillionReadUnits: 0.125,
  dynamoPerMillionWriteUnits: 0.625,
  lambdaPerMillionRequests: 0.2,
  /** x86_64, first 6 billion GB-seconds a month. */
  lambdaPerGbSecond: 0.0000166667,
  /** HTTP API, first 300 million requests a month (a request is metered per 512 KB: ours are smaller). */
  httpApiPerMillionRequests: 1.0,
} as const;

/** Lambda gives a function one full vCPU at 1,769 MB and a proportional share below. */
export const FULL_VCPU_MB = 1769;

export interface Timing {
  /** p50 through the handler on this machine (one full core), ms. */
  handlerMs: number;
  /** p50 of the same DynamoDB requests sent directly, ms: waiting, not our CPU. */
  directMs: number;
}

/**
 * Billed duration at `memoryMb`: the handler's own work (handler − direct, CPU on one core here)
 * stretched by Lambda's CPU share below 1,769 MB, plus the DynamoDB wait, which does not scale.
 * Lambda bills per 1 ms, rounded up.
 */
export function billedMs(t: Timing, memoryMb: number): number {
  const cpu = Math.max(0, t.handlerMs - t.directMs) * Math.max(1, FULL_VCPU_MB / memoryMb);
  return Math.ceil(cpu + t.directMs);
}

export interface CostParts {
  dynamo: number;
  lambda: number;
  apiGateway: number;
  total: number;
}

/** US dollars for one million requests of an operation. */
export function perMillion(units: Units, t: Timing, memoryMb: number): CostParts {
  const dynamo = units.read * PRICES.dynamoPerMillionReadUnits + units.write * PRICES.dynamoPerMillionWriteUnits;
  const gbSeconds = (memoryMb / 1024) * (billedMs(t, memoryMb) / 1000);
  const lambda = PRICES.lambdaPerMillionRequests + gbSeconds * 1_000_000 * PRICES.lambdaPerGbSecond;
  const apiGateway = PRICES.httpApiPerMillionRequests;
  return { dynamo, lambda, apiGateway, total: dynamo + lambda + apiGateway };
}

/**
 * A typical seller's day: one cross-border seller with about 200 orders a day (a mid-sized
 * AliExpress/Temu shop), its ERP pushing the orders and their shipping, and one or two people
 * working the dashboard. Per day: every order is created (in imports of 20), shipped and later
 * delivered (≈ 90% confirmed); the dashboard is opened ≈ 40 times (each opening loads the overview and the cases
 * page; half of them with the orders' risk), the late-orders page 20 times, 15 case timelines; a
 * handful of disputes (2% of orders) with their conversation; the deposit page twice. See bench/README.md.
 */
export const SELLER_DAY: { id: string; perDay: number }[] = [
  { id: "cases", perDay: 40 },
  { id: "overview", perDay: 40 },
  { id: "casesWithOrderRisk", perDay: 20 },
  { id: "lateOrders", perDay: 20 },
  { id: "timeline", perDay: 15 },
  { id: "eligibility", perDay: 2 },
  { id: "importOrders", perDay: 10 },
  { id: "markOrderShipped", perDay: 200 },
  { id: "markOrderDelivered", perDay: 180 },
  { id: "openCase", perDay: 4 },
  { id: "postCaseMessage", perDay: 12 },
  { id: "makeCompensationOffer", perDay: 2 },
  { id: "respondToCompensationOffer", perDay: 2 },
  { id: "resolveCase", perDay: 3 },
  { id: "closeCase", perDay: 3 },
];

export interface Priced {
  id: string;
  label: string;
  units: Units;
  timing: Timing;
}

/** The cost table: per million of each example operation, and the seller's day. */
export function costFigures(priced: Priced[], memoryMb: number, results: Results): string[] {
  const lines: string[] = [];
  const byId = new Map(priced.map((p) => [p.id, p]));
  for (const p of priced.filter((x) => x.units.write === 0)) {
    const c = perMillion(p.units, p.timing, memoryMb);
    lines.push(
      `| ${p.label} | ${round(p.units.read, 1)} | ${billedMs(p.timing, memoryMb)} | ${usd(c.dynamo)} | ` +
        `${usd(c.lambda)} | ${usd(c.apiGateway)} | **${usd(c.total)}** |`,
    );
    results.add(`$ per million: ${p.label}`, "ratio", round(c.total, 2), " USD", undefined, describeCost(c));
  }
  let day = 0;
  const missing: string[] = [];
  for (const { id, perDay } of SELLER_DAY) {
    const p = byId.get(id);
    if (!p) {
      missing.push(id);
      continue;
    }
    day += (perDay / 1_000_000) * perMillion(p.units, p.timing, memoryMb).total;
  }
  results.add(
    "$ per typical seller's day (bench/README.md: the mix)",
    "ratio",
    round(day, 5),
    " USD",
    undefined,
    `${SELLER_DAY.reduce((s, x) => s + x.perDay, 0)} requests; ${usd(day * 30)} a month` +
      (missing.length ? `; not measured, left out: ${missing.join(", ")}` : ""),
  );
  lines.push(`seller's day: ${usd(day)} (${usd(day * 30)} a month)${missing.length ? `; left out ${missing}` : ""}`);
  return lines;
}

const usd = (n: number) => `$${n < 0.01 ? n.toFixed(5) : n.toFixed(2)}`;
const describeCost = (c: CostParts) =>
  `DynamoDB ${usd(c.dynamo)} + Lambda ${usd(c.lambda)} + HTTP API ${usd(c.apiGateway)}`;

/** Lambda memory settings considered for the GraphQL function. */
const SETTINGS_MB = [256, 512, 768, 1024, 1536, 1769];

/** Half a vCPU: below it, a cold start and each request's own work take more than twice their one-core time. */
const HALF_VCPU_MB = FULL_VCPU_MB / 2;

/**
 * The memory setting, from the peak resident memory and Lambda's CPU share: the smallest setting
 * that holds the peak with 2× headroom and gives at least half a vCPU. The handler is
 * single-threaded and its module init and per-request work are CPU: below 1,769 MB they stretch by
 * 1,769 / MB, so their GB-seconds stay the same while only the DynamoDB wait is billed at more GB;
 * above 1,769 MB nothing gets faster. Prints the trade-off per setting; returns the chosen one.
 */
export function chooseMemory(
  peakRssBytes: number,
  initMs: number,
  heaviest: Timing,
  configuredMb: number,
  results: Results,
): number {
  const chosen = SETTINGS_MB.find((mb) => peakRssBytes * 2 <= mb * 1_048_576 && mb >= HALF_VCPU_MB) ?? FULL_VCPU_MB;
  for (const mb of SETTINGS_MB) {
    const init = (initMs * FULL_VCPU_MB) / Math.min(mb, FULL_VCPU_MB);
    process.stdout.write(
      `  ${String(mb).padStart(5)} MB: ${(Math.min(mb, FULL_VCPU_MB) / FULL_VCPU_MB).toFixed(2)} vCPU, module init ≈ ` +
        `${Math.round(init)} ms, heaviest page ≈ ${billedMs(heaviest, mb)} ms, ` +
        `${((mb / 1024) * (billedMs(heaviest, mb) / 1000) * 1e6 * PRICES.lambdaPerGbSecond).toFixed(2)} $/M in GB-s` +
        `${mb === chosen ? "  ← chosen" : ""}\n`,
    );
  }
  results.add(
    "Lambda memory for the GraphQL function: configured in stacks/wiring.ts vs chosen",
    "bytes",
    configuredMb,
    "MB",
    { op: "=", value: chosen, label: `= ${chosen} MB (≥ 2× peak RSS and ≥ ½ vCPU)` },
    `peak RSS ${(peakRssBytes / 1_048_576).toFixed(1)} MiB at first: 100; module init ${Math.round(initMs)} ms ` +
      `on one core here ≈ ${Math.round((initMs * FULL_VCPU_MB) / chosen)} ms at ${chosen} MB`,
  );
  return chosen;
}
