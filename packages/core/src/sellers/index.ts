import * as z from "zod";
import { CurrencyCode } from "../money";
import { TimeZone, type Instant } from "../time";

/** A seller's profile: sales figures are kept in its settlement currency, days in its time zone. */
export const Info = z.object({
  id: z.string(),
  name: z.string(),
  settlementCurrency: z.string(),
  timeZone: z.string(),
  createdAt: z.string(),
});
export type Seller = z.infer<typeof Info>;

/**
 * A seller id: letters, digits and `.` `_` `-`, 3 to 64 characters. Never `#`, which separates
 * the parts of every key the seller's id is in.
 */
export const SellerId = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/,
    "A seller id has 3 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.",
  );

/**
 * An IANA zone name such as `Asia/Shanghai` or `UTC` that the runtime knows, stored under its
 * canonical spelling. A bare offset (`+08:00`) is refused: it has no daylight-saving rules, and
 * the seller's days (statistics, deposit terms) would drift by an hour twice a year.
 */
export const SellerTimeZone = TimeZone.refine((tz) => /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)*$/.test(tz), {
  message: "Give an IANA time zone name such as Asia/Shanghai, not an offset.",
}).transform((tz) => new Intl.DateTimeFormat("en", { timeZone: tz }).resolvedOptions().timeZone);

/** What an operator gives to onboard a seller; the id is chosen by the operator or generated. */
export const CreateInput = z.strictObject({
  id: SellerId.nullish(),
  name: z.string().trim().min(1, "Give the seller's name.").max(200, "A seller's name is at most 200 characters."),
  /** Sales, deposits and statistics are kept in this ISO 4217 currency. */
  settlementCurrency: CurrencyCode,
  timeZone: SellerTimeZone,
});
export type CreateInput = z.output<typeof CreateInput>;

/**
 * A new seller's profile.
 * @example create({ input: { name: "Shenzhen Bright Gadgets", settlementCurrency: "CNY", timeZone: "Asia/Shanghai" },
 * generatedId: "sel_01J…", now })
 */
export function create(args: { input: CreateInput; generatedId: string; now: Instant }): Seller {
  const { input } = args;
  return {
    id: input.id ?? args.generatedId,
    name: input.name,
    settlementCurrency: input.settlementCurrency,
    timeZone: input.timeZone,
    createdAt: args.now,
  };
}
