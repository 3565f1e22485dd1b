import * as z from "zod/mini";
import { says } from "../i18n/schema-text";

/** ISO 3166-1 alpha-2, the officially assigned codes (the runtime's region names also accept EU, UN, UK…). */
const ISO_3166_ALPHA2 = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM " +
    "FO FR " +
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE " +
    "JM JO " +
    "JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP " +
    "MQ MR " +
    "MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA " +
    "RE RO " +
    "RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR " +
    "TT TV " +
    "TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
  ).split(" "),
);

export function isCountryCode(code: string): boolean {
  return ISO_3166_ALPHA2.has(code);
}

export const CountryCode = z
  .string()
  .check(
    z.regex(/^[A-Z]{2}$/, says("schema.countryCode", {})),
    z.refine(isCountryCode, { message: says("schema.countryUnknown", {}) }),
  );

/**
 * For each country whose time zones keep different clocks, the zone most of its people live in: where the country's
 * zones disagree on the date, a message to a buyer there names the date most buyers there would. A country the
 * runtime's time-zone data splits must have its line here (test/core/buyer-time-zone.test.ts checks every one).
 */
export const PRINCIPAL_TIME_ZONES: Readonly<Record<string, string>> = {
  AQ: "Antarctica/McMurdo",
  AU: "Australia/Sydney",
  BR: "America/Sao_Paulo",
  CA: "America/Toronto",
  CD: "Africa/Kinshasa",
  CL: "America/Santiago",
  CN: "Asia/Shanghai",
  EC: "America/Guayaquil",
  ES: "Europe/Madrid",
  FM: "Pacific/Chuuk",
  GL: "America/Nuuk",
  ID: "Asia/Jakarta",
  KI: "Pacific/Tarawa",
  MN: "Asia/Ulaanbaatar",
  MX: "America/Mexico_City",
  NZ: "Pacific/Auckland",
  PF: "Pacific/Tahiti",
  PG: "Pacific/Port_Moresby",
  PT: "Europe/Lisbon",
  RU: "Europe/Moscow",
  UA: "Europe/Kyiv",
  UM: "Pacific/Wake",
  US: "America/New_York",
};

/** The runtime's time zones of a region (`Intl.Locale`; a getter before V8 12, a method since). */
function zonesOf(country: string): string[] {
  const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & {
    getTimeZones?: () => string[];
    timeZones?: string[];
  };
  return (locale.getTimeZones ? locale.getTimeZones() : locale.timeZones) ?? [];
}

/**
 * The time zone a buyer in `country` most likely keeps, to name a day in a message to them: the country's principal
 * zone where its zones differ, else its one clock; UTC for a region with no zone of its own (Bouvet Island).
 */
export function buyerTimeZone(country: string): string {
  return PRINCIPAL_TIME_ZONES[country] ?? zonesOf(country)[0] ?? "UTC";
}
