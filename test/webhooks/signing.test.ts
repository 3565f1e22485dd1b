import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Webhooks } from "@seller-ops/core";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * Webhook signatures: the server's signer, its verifier, and the verification example that
 * docs/webhooks.md gives partners (taken from the page and run here, so the page stays right).
 */

const body = JSON.stringify({
  id: "evt_01",
  type: "ORDER_SHIPPED",
  data: { orderId: "ord_1", note: "naïve — ✓" },
});
const secret = "whsec_current-secret-of-the-endpoint";
const previous = "whsec_previous-secret-of-the-endpoint";
const t = 1_900_000_000;

type DocVerify = (
  raw: string | Buffer,
  header: string,
  secrets: string | string[],
  tolerance?: number,
  now?: number,
) => boolean;
let docVerify: DocVerify;

beforeAll(async () => {
  const page = readFileSync(new URL("../../docs/webhooks.md", import.meta.url), "utf8");
  const block = [...page.matchAll(/```js\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((code) => code.includes("export function verifySellerOpsWebhook"));
  expect(block, "docs/webhooks.md has the Node verification example").toBeDefined();
  const file = join(mkdtempSync(join(tmpdir(), "webhook-doc-")), "verify.mjs");
  writeFileSync(file, block!);
  docVerify = (await import(pathToFileURL(file).href)).verifySellerOpsWebhook;
});

describe("webhook signatures", () => {
  it("sign the timestamp, a dot and the raw body with HMAC-SHA256 (a known answer)", () => {
    // Computed apart from this code: printf '1.{}' | openssl dgst -sha256 -hmac key
    expect(Webhooks.signature({ secret: "key", timestamp: 1, body: "{}" })).toBe(
      "1ba6b8171186efc613e8bcc0cbdab2748f24984d7c5a84faa2637afa0e40d224",
    );
    const header = Webhooks.signatureHeader({ secrets: [secret], timestamp: t, body });
    expect(header).toMatch(/^t=1900000000,v1=[0-9a-f]{64}$/);
  });

  it("verify within the tolerance, either way, and refuse outside it", () => {
    const header = Webhooks.signatureHeader({ secrets: [secret], timestamp: t, body });
    const check = (nowSeconds: number) => Webhooks.verify({ header, body, secrets: [secret], nowSeconds });
    expect(check(t)).toEqual({ ok: true, timestamp: t });
    expect(check(t + 300).ok).toBe(true);
    expect(check(t - 300).ok).toBe(true);
    expect(check(t + 301)).toEqual({ ok: false, reason: "TIMESTAMP_OUTSIDE_TOLERANCE" });
    expect(check(t - 301)).toEqual({ ok: false, reason: "TIMESTAMP_OUTSIDE_TOLERANCE" });
    expect(Webhooks.verify({ header, body, secrets: [secret], nowSeconds: t + 1000, toleranceSeconds: 1000 }).ok).toBe(
      true,
    );
  });

  it("refuse a changed body, a wrong secret, a changed timestamp, a malformed header and a header without v1", () => {
    const header = Webhooks.signatureHeader({ secrets: [secret], timestamp: t, body });
    const verify = (args: Partial<Parameters<typeof Webhooks.verify>[0]>) =>
      Webhooks.verify({ header, body, secrets: [secret], nowSeconds: t, ...args });
    expect(verify({ body: body.replace("ord_1", "ord_2") })).toEqual({ ok: false, reason: "SIGNATURE_MISMATCH" });
    expect(verify({ body: `${body} ` })).toEqual({ ok: false, reason: "SIGNATURE_MISMATCH" });
    expect(verify({ secrets: ["whsec_someone-else"] })).toEqual({ ok: false, reason: "SIGNATURE_MISMATCH" });
    expect(verify({ header: header.replace(`t=${t}`, `t=${t + 1}`) })).toEqual({
      ok: false,
      reason: "SIGNATURE_MISMATCH",
    });
    expect(verify({ header: "garbage" })).toEqual({ ok: false, reason: "MALFORMED_HEADER" });
    expect(verify({ header: `t=${t},t=${t}` })).toEqual({ ok: false, reason: "MALFORMED_HEADER" });
    expect(verify({ header: `t=${t}` })).toEqual({ ok: false, reason: "NO_SIGNATURE" });
    expect(verify({ header: `t=${t},v1=${"0".repeat(64)}` })).toEqual({ ok: false, reason: "SIGNATURE_MISMATCH" });
    expect(verify({ header: `t=${t},v1=abc` })).toEqual({ ok: false, reason: "SIGNATURE_MISMATCH" });
    // A scheme it does not know is skipped, not an error.
    expect(verify({ header: `${header},v2=whatever` }).ok).toBe(true);
  });

  it("during a rotation both secrets sign, and a receiver holding either one passes", () => {
    const header = Webhooks.signatureHeader({ secrets: [secret, previous], timestamp: t, body });
    expect(header.split(",")).toHaveLength(3);
    for (const held of [[secret], [previous], [previous, secret]]) {
      expect(Webhooks.verify({ header, body, secrets: held, nowSeconds: t }).ok, held.join()).toBe(true);
    }
    expect(Webhooks.verify({ header, body, secrets: ["whsec_third"], nowSeconds: t }).ok).toBe(false);
  });

  it("the docs' Node example accepts exactly what the server's verifier accepts", () => {
    const header = Webhooks.signatureHeader({ secrets: [secret, previous], timestamp: t, body });
    expect(docVerify(body, header, secret, 300, t)).toBe(true);
    expect(docVerify(Buffer.from(body, "utf8"), header, [previous], 300, t)).toBe(true);
    expect(docVerify(body, header, "whsec_wrong", 300, t)).toBe(false);
    expect(docVerify(`${body}x`, header, secret, 300, t)).toBe(false);
    expect(docVerify(body, header, secret, 300, t + 301)).toBe(false);
    expect(docVerify(body, header, secret, 300, t - 301)).toBe(false);
    expect(docVerify(body, `t=${t}`, secret, 300, t)).toBe(false);
    expect(docVerify(body, "", secret, 300, t)).toBe(false);
  });
});
