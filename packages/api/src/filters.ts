import type * as z from "zod/mini";
import { Errors, I18n, Time } from "@seller-ops/core";
import type { Context } from "./context";
import { badUserInput } from "./errors";

/**
 * A list's `filter` argument, parsed: the schema's own checks, then the horizon every input date is
 * held to (at most 10 years after the request's instant). What is wrong is a top-level BAD_USER_INPUT
 * naming the filter field, in the reader's language (written when the answer is, `callerLanguageErrors`).
 * A field sent as null is a field left out, and no filter is an empty one: a list's cursor is bound to
 * the parsed filter, so a client that spells "no condition" differently from one page to the next keeps
 * its place.
 */
export function parseListFilter<S extends z.ZodMiniType>(ctx: Context, schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw ?? {});
  const problem = parsed.success
    ? Time.instantsBeyondHorizon({ schema, value: parsed.data, now: ctx.now })[0]
    : (() => {
        const issue = parsed.error.issues[0]!;
        return { path: issue.path as (string | number)[], text: Errors.issueText(issue) };
      })();
  if (!problem) return givenFields(parsed.data) as z.output<S>;
  throw badUserInput(
    I18n.text("refusal.request.filter", { field: problem.path.join("."), text: problem.text }),
    "filter",
  );
}

/** The filter's fields that set a condition (filters are flat: a null field is none). */
function givenFields(filter: unknown): unknown {
  if (!filter || typeof filter !== "object") return filter;
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== null && value !== undefined));
}
