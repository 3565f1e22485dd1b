import * as z from "zod";

/** A seller's profile: sales figures are kept in its settlement currency, days in its time zone. */
export const Info = z.object({
  id: z.string(),
  name: z.string(),
  settlementCurrency: z.string(),
  timeZone: z.string(),
  createdAt: z.string(),
});
export type Seller = z.infer<typeof Info>;
