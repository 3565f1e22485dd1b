/**
 * The scheduled jobs `npm run job -- NAME` runs by hand, by name: the handler's module and its
 * schedule's name (as EventBridge names it when deployed). `npm start` lists the same names.
 */
export const LOCAL_JOBS: Record<string, { module: string; schedule: string }> = {
  "late-orders": { module: "@seller-ops/functions/src/jobs/late-orders", schedule: "LateOrders" },
  "case-deadlines": { module: "@seller-ops/functions/src/jobs/case-deadlines", schedule: "CaseDeadlines" },
  retention: { module: "@seller-ops/functions/src/jobs/retention", schedule: "Retention" },
  "webhook-retries": { module: "@seller-ops/functions/src/jobs/webhook-retries", schedule: "WebhookRetries" },
};

/** How to run one by hand: `npm run job -- late-orders | case-deadlines | …`. */
export const JOB_USAGE = `npm run job -- ${Object.keys(LOCAL_JOBS).join(" | ")}`;
