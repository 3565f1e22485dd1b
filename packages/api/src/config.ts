import { Cases, Deposits, Orders } from "@seller-ops/core";
import { Idempotency } from "@seller-ops/db";

/** Everything the API may be configured with; defaults suit local development. */
export interface ApiConfig {
  mode: "production" | "development";
  /** HMAC key for pagination cursors (an SST secret when deployed). */
  cursorSecret: string;
  orderRules: Orders.OrderRules;
  caseRules: Cases.CaseRules;
  /** Deposit refund thresholds (packages/core/src/deposits/README.md). */
  depositRules: Deposits.DepositRules;
  idempotency: Idempotency.IdempotencyRules;
}

const LOCAL_CURSOR_SECRET = "local-development-cursor-secret";

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const mode = env.APP_MODE === "production" ? "production" : "development";
  const cursorSecret = env.CURSOR_SECRET || (mode === "development" ? LOCAL_CURSOR_SECRET : "");
  if (!cursorSecret) throw new Error("CURSOR_SECRET is required in production mode.");
  const atRiskHours = Number(env.AT_RISK_WINDOW_HOURS ?? 24);
  return {
    mode,
    cursorSecret,
    orderRules: { ...Orders.defaultOrderRules, atRiskWindowMs: atRiskHours * 3_600_000 },
    caseRules: Cases.defaultCaseRules,
    depositRules: Deposits.defaultDepositRules,
    idempotency: Idempotency.defaultIdempotencyRules,
  };
}
