import { said } from "../i18n";
import { text, type Text } from "../i18n/texts";
import * as Time from "../time";
import type { Instant } from "../time";

/**
 * An endpoint's signing secrets over time. Rotating adds a new secret and lets the previous one
 * keep signing for an overlap, so a receiver can switch its configured secret at any moment in
 * that window: every delivery carries a signature under each secret that signs at its time.
 */

export interface EndpointSecret {
  /** The secret, sealed (`sealing.ts`); never stored or logged in the clear. */
  sealed: string;
  createdAt: Instant;
  /** When it stops signing; null for the current secret. */
  expiresAt: Instant | null;
}

export const DEFAULT_OVERLAP_MS = 24 * Time.HOUR_MS;
/** A secret a receiver may have leaked must not sign for long: the overlap is capped. */
export const MAX_OVERLAP_MS = 7 * Time.DAY_MS;

const signsAt = (secret: EndpointSecret, nowMs: number) =>
  secret.expiresAt === null || Time.toMs(secret.expiresAt) > nowMs;

/** The secrets that sign a delivery made at `now`, the newest first. */
export function signingAt(args: { secrets: readonly EndpointSecret[]; now: Instant }): EndpointSecret[] {
  const nowMs = Time.toMs(args.now);
  return args.secrets.filter((s) => signsAt(s, nowMs)).sort((a, b) => Time.toMs(b.createdAt) - Time.toMs(a.createdAt));
}

/**
 * The secrets after a rotation at `now`: the new one current, the previous current one signing
 * until `now + overlapMs` (0 ends it at once), and nothing else: an older secret still in an
 * earlier overlap stops now, so at most two secrets ever sign.
 */
export function rotate(args: {
  secrets: readonly EndpointSecret[];
  added: string;
  now: Instant;
  overlapMs?: number;
}): { ok: true; secrets: EndpointSecret[] } | { ok: false; message: string; text: Text } {
  const overlapMs = args.overlapMs ?? DEFAULT_OVERLAP_MS;
  if (!Number.isInteger(overlapMs) || overlapMs < 0 || overlapMs > MAX_OVERLAP_MS) {
    return { ok: false, ...said(text("refusal.webhook.overlap", { maxHours: MAX_OVERLAP_MS / Time.HOUR_MS })) };
  }
  const current = signingAt(args).find((s) => s.expiresAt === null);
  const previous: EndpointSecret[] =
    current && overlapMs > 0 ? [{ ...current, expiresAt: Time.fromMs(Time.toMs(args.now) + overlapMs) }] : [];
  return { ok: true, secrets: [{ sealed: args.added, createdAt: args.now, expiresAt: null }, ...previous] };
}
