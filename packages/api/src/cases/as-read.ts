import { Cases, type Case } from "@seller-ops/core";
import type { Context } from "../context";

/**
 * Each case as this request reads it (`Cases.asReadAt`): one whose pending offer is past `expiresAt` reads as the
 * case-deadline job leaves it, before the job has looked, as orders read late. Per case object, computed once, and
 * shared by every field that reads a case (`Case.status`, `offers`, … and the case's and its order's risk), so that
 * none says the case waits on the buyer while another says it waits on the seller.
 */
const readCases = new WeakMap<Context, WeakMap<Case, Case>>();

export function caseAsRead(c: Case, ctx: Context): Case {
  const seen = readCases.get(ctx) ?? new WeakMap<Case, Case>();
  readCases.set(ctx, seen);
  const read = seen.get(c) ?? Cases.asReadAt({ case: c, now: ctx.now, rules: ctx.config.caseRules });
  seen.set(c, read);
  return read;
}
