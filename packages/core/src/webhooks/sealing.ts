import { createCipheriv, createDecipheriv, createHash, hkdfSync } from "node:crypto";

/**
 * Webhook signing secrets at rest. The server must sign with a secret, so it cannot keep only a
 * hash: it keeps the secret encrypted with AES-256-GCM under a key that is not in the table (the
 * `WebhookSecretKey` SST secret), bound to the endpoint it belongs to (the GCM additional data),
 * and names the key it used, so the key can rotate: a keyring encrypts with its first key and
 * decrypts with any of its keys. Randomness is an input (the IV), so this stays deterministic.
 */

export const SEALED_PREFIX = "whsealed1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_INFO = "seller-ops webhook signing secrets v1";

export interface Keyring {
  /** The id of the key new secrets are sealed with. */
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** A key's id: a fingerprint of the key itself, so it names the key without revealing it. */
function keyIdOf(key: Buffer): string {
  return createHash("sha256").update("seller-ops webhook key id").update(key).digest("hex").slice(0, 16);
}

/**
 * The keyring from the secret's value: one or more key secrets separated by spaces or commas,
 * the first one current (rotation: set `NEW OLD`, re-seal, then set `NEW`). Each is stretched to
 * a 256-bit key with HKDF-SHA256, so any long random string works (`openssl rand -base64 32`).
 */
export function keyringFrom(value: string): Keyring {
  const secrets = value.split(/[\s,]+/).filter(Boolean);
  if (secrets.length === 0) throw new Error("The webhook key secret is empty.");
  const keys = new Map<string, Buffer>();
  for (const secret of secrets) {
    if (secret.length < 16)
      throw new Error("Each webhook key secret is at least 16 characters (openssl rand -base64 32).");
    const key = Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), KEY_INFO, 32));
    keys.set(keyIdOf(key), key);
  }
  return { currentKeyId: keyIdOf(keys.values().next().value!), keys };
}

export class SealError extends Error {
  override readonly name = "SealError";
}

/**
 * Encrypts a signing secret for one endpoint: `whsealed1.<key id>.<iv>.<ciphertext>.<tag>`
 * (base64url). `iv` must be 12 fresh random bytes for every seal (GCM breaks if an IV repeats
 * under one key); `context` (the endpoint id) must be given again to unseal.
 */
export function seal(args: { plaintext: string; keyring: Keyring; context: string; iv: Buffer }): string {
  if (args.iv.length !== IV_BYTES) throw new SealError(`The IV is ${IV_BYTES} random bytes.`);
  const key = args.keyring.keys.get(args.keyring.currentKeyId)!;
  const cipher = createCipheriv("aes-256-gcm", key, args.iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(args.context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(args.plaintext, "utf8"), cipher.final()]);
  const parts = [args.iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString("base64url"));
  return [SEALED_PREFIX, args.keyring.currentKeyId, ...parts].join(".");
}

/** The id of the key a sealed secret was encrypted with (to find what still needs re-sealing after a rotation). */
export function sealedKeyId(sealed: string): string {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== SEALED_PREFIX) throw new SealError("Not a sealed webhook secret.");
  return parts[1]!;
}

/** Decrypts a sealed secret; a changed ciphertext, another endpoint's context or an unknown key is a SealError. */
export function unseal(args: { sealed: string; keyring: Keyring; context: string }): string {
  const keyId = sealedKeyId(args.sealed);
  const key = args.keyring.keys.get(keyId);
  if (!key) throw new SealError(`The key ${keyId} that sealed this secret is not in the keyring.`);
  const [iv, ciphertext, tag] = args.sealed
    .split(".")
    .slice(2)
    .map((p) => Buffer.from(p, "base64url")) as [Buffer, Buffer, Buffer];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealError("The sealed secret is malformed.");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(args.context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch (cause) {
    throw new SealError("The sealed secret does not open with this key and endpoint.", { cause });
  }
}

/** A re-sealed secret under the keyring's current key (after a key rotation); the same value when it already is. */
export function reseal(args: { sealed: string; keyring: Keyring; context: string; iv: Buffer }): string {
  if (sealedKeyId(args.sealed) === args.keyring.currentKeyId) return args.sealed;
  return seal({ plaintext: unseal(args), keyring: args.keyring, context: args.context, iv: args.iv });
}

/** A new signing secret from 32 random bytes: `whsec_` + base64url, shown to the caller once. */
export function signingSecretFrom(randomBytes: Buffer): string {
  if (randomBytes.length < 32) throw new Error("A signing secret takes 32 random bytes.");
  return `whsec_${randomBytes.subarray(0, 32).toString("base64url")}`;
}
