import { said } from "../i18n";
import { text, type Text } from "../i18n/texts";
import { isIP } from "node:net";
import { classifyAddress } from "./addresses";

/**
 * Which endpoint URLs may be registered, from the URL alone (the network side resolves the host
 * and checks the addresses before every delivery: packages/functions/src/webhooks/ssrf.ts).
 * https only; local endpoints (`http://localhost:3000/…`) only where the configuration allows
 * them, which is development.
 */

/**
 * Ports below 1024 other than https's own belong to other services (SMTP 25, SSH 22, DNS 53…): a
 * signed, retried POST to one of them is not a webhook, and the delivery log would tell the owner
 * which of a host's services answer. A receiver behind another port uses one of 1024–65535.
 */
export const FIRST_UNPRIVILEGED_PORT = 1024;

export const MAX_URL_LENGTH = 2048;

export type UrlRefusal =
  | "INVALID_URL"
  | "HTTPS_REQUIRED"
  | "CREDENTIALS_IN_URL"
  | "LOCAL_ENDPOINT_NOT_ALLOWED"
  | "PORT_NOT_ALLOWED"
  | "PRIVATE_ADDRESS";

/** A refusal carries its sentence as a text (the API writes it in the reader's language) and in English (logs). */
export type UrlCheck =
  | { ok: true; url: URL; local: boolean }
  | { ok: false; reason: UrlRefusal; message: string; text: Text };

const refusal = (reason: UrlRefusal, sentence: Text): UrlCheck => ({ ok: false, reason, ...said(sentence) });

/** Host names that always mean this machine (RFC 6761 reserves `localhost` and its subdomains). */
export function isLocalHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return host === "localhost" || host.endsWith(".localhost") || host === "127.0.0.1" || host === "[::1]";
}

/** Whether `url` may be a webhook endpoint; `allowLocal` comes from the configuration (development only). */
export function checkUrl(args: { url: string; allowLocal: boolean }): UrlCheck {
  if (args.url.length > MAX_URL_LENGTH)
    return refusal("INVALID_URL", text("refusal.webhook.urlTooLong", { max: MAX_URL_LENGTH }));
  let url: URL;
  try {
    url = new URL(args.url);
  } catch {
    return refusal("INVALID_URL", text("refusal.webhook.urlNotAbsolute", {}));
  }
  if (url.username || url.password) {
    return refusal("CREDENTIALS_IN_URL", text("refusal.webhook.urlCredentials", {}));
  }
  const local = isLocalHostname(url.hostname);
  if (local && !args.allowLocal) {
    return refusal("LOCAL_ENDPOINT_NOT_ALLOWED", text("refusal.webhook.urlLocal", {}));
  }
  if (url.protocol === "http:" && local) return { ok: true, url, local };
  if (url.protocol !== "https:") return refusal("HTTPS_REQUIRED", text("refusal.webhook.urlHttps", {}));
  // The URL parser leaves `port` empty for https's default (443, however it was written).
  if (!local && url.port !== "" && Number(url.port) < FIRST_UNPRIVILEGED_PORT) {
    return refusal("PORT_NOT_ALLOWED", text("refusal.webhook.urlPort", { port: Number(url.port) }));
  }
  return { ok: true, url, local };
}

/**
 * The rule at registration (and when an endpoint's URL changes): `checkUrl`, and a host given as
 * a literal address must be public now: https://10.0.0.5/ or https://169.254.169.254/ is refused
 * at once, not first at delivery (where every address a host name resolves to is checked again).
 */
export function checkRegistration(args: { url: string; allowLocal: boolean }): UrlCheck {
  const checked = checkUrl(args);
  if (!checked.ok || checked.local) return checked;
  const literal = checked.url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(literal) && classifyAddress(literal) !== "public") {
    const addressKind = classifyAddress(literal);
    return refusal("PRIVATE_ADDRESS", text("refusal.webhook.urlPrivate", { host: literal, addressKind }));
  }
  return checked;
}
