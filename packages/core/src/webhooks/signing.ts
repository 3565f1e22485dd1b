import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Webhook signatures in the Stripe style: the header carries the time of signing and one HMAC-SHA256
 * of `<timestamp>.<body>` per signing secret (two while a secret is being rotated), so a receiver
 * checks the body came from us, unchanged, recently. docs/webhooks.md shows a receiver's check.
 * Time is an input: the caller reads its clock.
 */

/** The request header that carries the signature. */
export const SIGNATURE_HEADER = "seller-ops-signature";

/** The signature scheme's name in the header; a later scheme gets another name, so receivers can move over. */
export const SCHEME = "v1";

/** How far a signature's time may be from the receiver's clock, either way: replays older than this are refused. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Exactly what is signed: the timestamp, a dot, the raw body as sent. */
export function signedPayload(args: { timestamp: number; body: string }): string {
  return `${args.timestamp}.${args.body}`;
}

/** The hex HMAC-SHA256 of the signed payload under one secret. */
export function signature(args: { secret: string; timestamp: number; body: string }): string {
  return createHmac("sha256", args.secret).update(signedPayload(args), "utf8").digest("hex");
}

/**
 * The header value: `t=<unix seconds>,v1=<hex>[,v1=<hex>]`, one `v1` per secret that signs now
 * (the new one first during a rotation's overlap).
 */
export function signatureHeader(args: { secrets: readonly string[]; timestamp: number; body: string }): string {
  if (args.secrets.length === 0) throw new Error("A webhook is signed with at least one secret.");
  if (!Number.isSafeInteger(args.timestamp) || args.timestamp < 0)
    throw new Error("The timestamp is whole Unix seconds.");
  const signatures = args.secrets.map(
    (secret) => `${SCHEME}=${signature({ secret, timestamp: args.timestamp, body: args.body })}`,
  );
  return [`t=${args.timestamp}`, ...signatures].join(",");
}

export type VerifyRefusal = "MALFORMED_HEADER" | "NO_SIGNATURE" | "TIMESTAMP_OUTSIDE_TOLERANCE" | "SIGNATURE_MISMATCH";

export type Verified = { ok: true; timestamp: number } | { ok: false; reason: VerifyRefusal };

/** The header's timestamp and its `v1` signatures; null when it is not a header we write. */
export function parseHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const at = part.indexOf("=");
    if (at <= 0) return null;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === "t") {
      if (!/^\d{1,12}$/.test(value) || timestamp !== null) return null;
      timestamp = Number(value);
    } else if (key === SCHEME) {
      signatures.push(value);
    } // other schemes are skipped: a newer sender may add them
  }
  return timestamp === null ? null : { timestamp, signatures };
}

/**
 * Checks a delivery as a receiver does: the header parses, its time is within the tolerance of
 * `nowSeconds`, and one of its `v1` signatures is the HMAC of this body under one of `secrets`
 * (compared in constant time). During a rotation a receiver passes both secrets, or either one:
 * the sender signs with both.
 */
export function verify(args: {
  header: string;
  body: string;
  secrets: readonly string[];
  nowSeconds: number;
  toleranceSeconds?: number;
}): Verified {
  const parsed = parseHeader(args.header);
  if (!parsed) return { ok: false, reason: "MALFORMED_HEADER" };
  if (parsed.signatures.length === 0) return { ok: false, reason: "NO_SIGNATURE" };
  const tolerance = args.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(args.nowSeconds - parsed.timestamp) > tolerance)
    return { ok: false, reason: "TIMESTAMP_OUTSIDE_TOLERANCE" };
  for (const secret of args.secrets) {
    const expected = Buffer.from(signature({ secret, timestamp: parsed.timestamp, body: args.body }), "utf8");
    for (const given of parsed.signatures) {
      const candidate = Buffer.from(given, "utf8");
      // timingSafeEqual needs equal lengths; a length is no secret (every v1 is 64 hex digits).
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected))
        return { ok: true, timestamp: parsed.timestamp };
    }
  }
  return { ok: false, reason: "SIGNATURE_MISMATCH" };
}
