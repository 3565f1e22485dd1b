import * as z from "zod/mini";
import { ok, type Result } from "../errors";
import { says } from "../i18n/schema-text";
import { LanguageInput, LANGUAGES, type Language } from "../i18n/language";
import { checkVersion, IdInput, plainCharacters, VersionInput, maxChars } from "../inputs";
import { CurrencyCode } from "../money";
import { TimeZone, type Instant } from "../time";
import { OPERATOR_SCOPE } from "../webhooks/registry";

/** A seller's profile: sales figures are kept in its settlement currency, days in its time zone. */
export const Info = z.lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    settlementCurrency: z.string(),
    timeZone: z.string(),
    /** The language the seller reads texts in, unless a request asks for another (`Accept-Language`). */
    language: z.enum(LANGUAGES),
    /** Optimistic concurrency for profile changes (`setSellerLanguage`'s `expectedVersion`). */
    version: z.number().check(z.int()),
    createdAt: z.string(),
    /** When the profile last changed (null until it does). */
    updatedAt: z.nullable(z.string()),
  }),
);
export type Seller = z.infer<typeof Info>;

/** A profile as seeds and tests write it: the profile settings a new seller starts with may be left out. */
export type SellerDraft = Omit<Seller, "language" | "version" | "updatedAt"> &
  Partial<Pick<Seller, "language" | "version" | "updatedAt">>;

/** The profile with a new seller's defaults (English, version 1, never updated) where the draft left them out. */
export function withDefaults(draft: SellerDraft): Seller {
  return { language: "en", version: 1, updatedAt: null, ...draft };
}

const SELLER_ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

/**
 * A seller id: letters, digits and `.` `_` `-`, 3 to 64 characters. Never `#`, which separates
 * the parts of every key the seller's id is in. Never `OPERATORS`, the scope of the platform's own
 * webhook endpoints and events: a seller of that id would receive and manage them (`isReservedSellerId`).
 */
export const SellerId = z.string().check(
  z.trim(),
  z.regex(
    SELLER_ID_SHAPE,
    "A seller id has 3 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.",
  ),
  z.refine((id) => !isReservedSellerId(id), says("schema.sellerIdReserved", { id: OPERATOR_SCOPE })),
);

/**
 * Whether a seller id as sent (untrimmed) could name a seller. One that could not is refused before it
 * reaches a key: past 2,048 bytes, DynamoDB refuses the Query itself.
 */
export function couldBeSellerId(id: string): boolean {
  return SELLER_ID_SHAPE.test(id);
}

/** Whether an id names the platform, not a seller: refused for a new seller, a token's seller and a webhook scope. */
export function isReservedSellerId(id: string): boolean {
  return id === OPERATOR_SCOPE;
}

/** Zone names that are a fixed offset (see `SellerTimeZone`). */
const FIXED_OFFSET_NAMES = /^(Etc\/GMT[+-]\d+|SystemV\/.*|EST|MST|HST)$/i;

/**
 * An IANA zone name such as `Asia/Shanghai` or `UTC` that the runtime knows, stored under its
 * canonical spelling. A bare offset (`+08:00`) is refused: it has no daylight-saving rules, and
 * the seller's days (statistics, deposit terms) would drift by an hour twice a year. So are the
 * `Etc/GMT±N` names, which are such an offset spelled as a name (and with the sign reversed), the
 * legacy `SystemV/` ones (`SystemV/EST5` is a fixed offset too), and `EST`, `MST` and `HST`: fixed offsets
 * under names a reader takes for New York's, Denver's and Hawaii's time (`EST` is stored as `America/Panama`,
 * an hour off New York's day for eight months a year). Other old names of real zones (`PRC`, `Japan`) are
 * taken and stored under the zone's name (`Asia/Shanghai`).
 */
export const SellerTimeZone = z.pipe(
  TimeZone.check(
    z.refine((tz) => /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)*$/.test(tz) && !FIXED_OFFSET_NAMES.test(tz), {
      message: says("schema.timeZoneName", {}),
    }),
  ),
  z.transform((tz) => {
    const resolved = new Intl.DateTimeFormat("en", { timeZone: tz }).resolvedOptions().timeZone;
    return CURRENT_ZONE_NAME[resolved] ?? resolved;
  }),
);

/**
 * The runtime resolves a zone to its Unicode (CLDR) identifier, which keeps the names the IANA database has since
 * replaced: `Asia/Kolkata` comes back as `Asia/Calcutta`, `Europe/Kyiv` as `Europe/Kiev`. A seller who gave the
 * current name reads it back, and so do the texts that print it. The same zones, so no day moves.
 */
const CURRENT_ZONE_NAME: Readonly<Record<string, string>> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/** What an operator gives to onboard a seller; the id is chosen by the operator or generated. */
export const CreateInput = z.lazy(() =>
  z.strictObject({
    id: z.nullish(SellerId),
    name: z
      .string()
      .check(
        z.trim(),
        z.minLength(1, says("schema.giveSellerName", {})),
        maxChars(200, says("schema.tooLong", { what: "sellerName", max: 200 })),
        plainCharacters("sellerName"),
      ),
    /** Sales, deposits and statistics are kept in this ISO 4217 currency. */
    settlementCurrency: CurrencyCode,
    timeZone: SellerTimeZone,
    /** English unless given. */
    language: z.nullish(LanguageInput),
  }),
);
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
    language: input.language ?? "en",
    version: 1,
    createdAt: args.now,
    updatedAt: null,
  };
}

/** What a seller (or a tool or operator acting for it) sends to change the language it reads texts in. */
export const SetLanguageInput = z.lazy(() =>
  z.strictObject({
    sellerId: z.nullish(IdInput("sellerId")),
    language: LanguageInput,
    expectedVersion: VersionInput,
  }),
);
export type SetLanguageInput = z.output<typeof SetLanguageInput>;

/**
 * The profile in another language. Setting the language it already has changes nothing (no new
 * version): a retried request is not a conflict.
 * @example setLanguage({ seller, language: "zh-CN", expectedVersion: 1, now }) // ok: version 2
 */
export function setLanguage(args: {
  seller: Seller;
  language: Language;
  expectedVersion?: number | null;
  now: Instant;
}): Result<{ seller: Seller; changed: boolean }> {
  const { seller } = args;
  const fresh = checkVersion(seller, args.expectedVersion);
  if (!fresh.ok) return fresh;
  if (seller.language === args.language) return ok({ seller, changed: false });
  return ok({
    seller: { ...seller, language: args.language, version: seller.version + 1, updatedAt: args.now },
    changed: true,
  });
}
