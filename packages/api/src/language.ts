import type { ApolloServerPlugin } from "@apollo/server";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { OperationTypeNode } from "graphql";
import * as z from "zod/mini";
import { I18n, type Seller } from "@seller-ops/core";
import type { Context } from "./context";
import { textOfError } from "./errors";
import type { Resolvers } from "./generated/resolvers-types";

/**
 * Which language the API writes a text in (docs/using-the-api.md, "Language"):
 * 1. the request's `Accept-Language`, when it names a language we speak (the caller's choice wins);
 * 2. else the setting of the seller the text is about: a remedy plan, a risk assessment, a deposit's
 *    eligibility are written in their seller's language, so an operator reading several sellers
 *    sees each in its own;
 * 3. else English.
 * Texts that belong to no one seller (`Money.formatted`, `userErrors`) take, as step 2, the seller
 * the caller speaks for (`sellerOfCaller`), which no resolution order can change: a seller key's
 * (or token's) own seller; a partner or marketplace key granted exactly one seller, that seller; in
 * a mutation (root fields run one after another), the one seller the request has acted for so far
 * (`actedFor`). Operators, and reads by keys granted several sellers, get English and UTC.
 */

/** The language the request asks for in its `Accept-Language` header, or null. */
export function requestedLanguage(event: APIGatewayProxyEventV2): I18n.Language | null {
  const headers = event.headers ?? {};
  const header = headers["accept-language"] ?? headers["Accept-Language"];
  return I18n.fromAcceptLanguage(header);
}

/** The GraphQL enum's values and the language codes core speaks. */
export const LANGUAGE_ENUM = { EN: "en", ZH_CN: "zh-CN" } as const satisfies Record<string, I18n.Language>;
export type LanguageEnum = keyof typeof LANGUAGE_ENUM;

export function toEnum(language: I18n.Language): LanguageEnum {
  return language === "zh-CN" ? "ZH_CN" : "EN";
}

/** The `Language` enum of an input, parsed into the code core speaks (`ZH_CN` → `zh-CN`). */
export const LanguageEnumInput = z.pipe(
  z.enum(["EN", "ZH_CN"], { error: I18n.says("schema.language", { values: ["EN", "ZH_CN"] }) }),
  z.transform((value) => LANGUAGE_ENUM[value]),
);

/** A stored profile's setting (a profile replayed from an older idempotent answer may lack it). */
function settingOf(seller: Seller | null): I18n.Language | null {
  return seller?.language ?? null;
}

type Write = (text: I18n.Text) => string;

/**
 * One writer per request and seller profile: a page asks for one per item (a case's risk, its
 * order's risk), and they would all be the same. Keyed by the profile as loaded, so a profile read
 * again after a change (`setSellerLanguage` clears the loader) gets a writer of its own.
 */
const writersByRequest = new WeakMap<Context, WeakMap<Seller, Write>>();

/** Writes texts about one seller: in its language (unless the request asks for another), dates on its clock. */
export async function writerForSeller(ctx: Context, sellerId: string): Promise<Write> {
  const seller = await ctx.loaders.sellerById.load(sellerId);
  let writers = writersByRequest.get(ctx);
  const known = seller && writers?.get(seller);
  if (known) return known;
  const language = I18n.chosen({ requested: ctx.requestedLanguage, sellerSetting: settingOf(seller) });
  const write = I18n.writer({ language, timeZone: seller?.timeZone ?? "UTC", now: ctx.now });
  if (seller) {
    if (!writers) {
      writers = new WeakMap();
      writersByRequest.set(ctx, writers);
    }
    writers.set(seller, write);
  }
  return write;
}

/** The sellers each request acted for (mutations and seller-scoped reads), as its credential allowed. */
const sellersActedFor = new WeakMap<Context, Set<string>>();

/** Notes that the request acts for this seller: the place that checked the credential calls it. */
export function actedFor(ctx: Context, sellerId: string): void {
  const sellers = sellersActedFor.get(ctx) ?? new Set<string>();
  sellers.add(sellerId);
  sellersActedFor.set(ctx, sellers);
}

/** What a caller text knows of the operation it is written in (a resolver's `info`). */
export interface OperationOf {
  operation: { operation: OperationTypeNode };
}

/**
 * The seller a partner or marketplace key speaks for, or null (several, none, or another role).
 * Fixed before a query runs: its grant, when it names exactly one seller. A query's fields resolve
 * concurrently, so what it has read "so far" would depend on DynamoDB latency (two sellers' money in
 * one answer, each in a language that depends on which read came back first). A mutation's root
 * fields run serially, and each checks its seller before its payload resolves: there the one seller
 * acted for so far is the same on every run.
 */
function sellerActedFor(ctx: Context, info: OperationOf): string | null {
  const principal = ctx.principal;
  if (principal.role !== "PARTNER" && principal.role !== "MARKETPLACE") return null;
  const granted = principal.role === "MARKETPLACE" && principal.allSellers ? [] : principal.sellerIds;
  if (granted.length === 1) return granted[0]!;
  if (info.operation.operation !== OperationTypeNode.MUTATION) return null;
  const sellers = sellersActedFor.get(ctx);
  return sellers?.size === 1 ? [...sellers][0]! : null;
}

/**
 * The one rule for texts that belong to no one seller (`Money.formatted`, `userErrors`): whose
 * language and clock they follow. A seller key's own seller; the seller a partner or marketplace key
 * speaks for (`sellerActedFor`); else none (operators, and reads by keys granted several sellers:
 * English, unless asked for another, and UTC).
 */
function sellerOfCaller(ctx: Context, info: OperationOf): string | null {
  return ctx.principal.role === "SELLER" ? ctx.principal.sellerId : sellerActedFor(ctx, info);
}

/**
 * Writes texts that belong to no one seller, for the caller (`sellerOfCaller`). The acted-for
 * seller was loaded by the check that noted it (through the same loader) on every write path that
 * reads its seller; where the mutation needs no profile (webhook endpoints), writing a refusal
 * costs one profile read, in the batch of its tick, and only when `message` is selected.
 */
export async function writerForCaller(ctx: Context, info: OperationOf): Promise<(text: I18n.Text) => string> {
  const sellerId = sellerOfCaller(ctx, info);
  if (sellerId) return writerForSeller(ctx, sellerId);
  return I18n.writer({ language: I18n.chosen({ requested: ctx.requestedLanguage }), timeZone: "UTC", now: ctx.now });
}

/**
 * The language of the caller's texts that need no clock (`Money.formatted`): the same rule as
 * `writerForCaller`. A request that names its language reads no profile for it.
 */
export async function callerLanguage(ctx: Context, info: OperationOf): Promise<I18n.Language> {
  const sellerId = ctx.requestedLanguage ? null : sellerOfCaller(ctx, info);
  const seller = sellerId ? await ctx.loaders.sellerById.load(sellerId) : null;
  return I18n.chosen({ requested: ctx.requestedLanguage, sellerSetting: settingOf(seller) });
}

/** userErrors in the caller's language; a message given as plain English (no text key) is answered as it is. */
export const userErrorResolvers: Resolvers = {
  UserError: {
    message: async (error, _args, ctx, info) =>
      error.text ? (await writerForCaller(ctx, info))(error.text) : error.message,
  },
};

/**
 * Top-level errors raised with a text (the page size, a cursor, the seller a credential may act for)
 * in the caller's language, by the rule `userErrors` follow (`writerForCaller`): a client shows the
 * same language for a refused `first` as for a refused filter. Errors before the operation is known
 * (parse, validation) have no text and stay English.
 */
export function callerLanguageErrors(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operation }) {
          const worded = errors.flatMap((error) => {
            const text = textOfError(error);
            return text ? [{ error, text }] : [];
          });
          if (worded.length === 0 || !operation) return;
          const write = await writerForCaller(contextValue, { operation }).catch(() => null);
          // The profile could not be read: the English the error was raised with stands.
          if (!write) return;
          for (const { error, text } of worded) (error as { message: string }).message = write(text);
        },
      };
    },
  };
}
