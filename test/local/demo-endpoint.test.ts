import { describe, expect, it } from "vitest";
import { ApiKeys, WebhookEndpointsRepo } from "@seller-ops/db";
import { DEMO_KEYS } from "../../packages/local/src/seed";
import { DEMO_ENDPOINT_ID, ensureDemoEndpoint } from "../../packages/local/src/webhooks-local";
import { isolatedTables } from "../support/isolated";
import { TEST_KEYRING } from "../support/webhooks";

describe("the demo webhook endpoint under npm start", () => {
  it("follows the receiver to another WEBHOOK_RECEIVER_PORT on a later start, by a versioned update", async () => {
    // Own tables: the demo endpoint's id and seller are fixed.
    const db = await isolatedTables("demo-endpoint");
    const seller = "seller-shenzhen-gadgets";
    await ApiKeys.putApiKey(db, DEMO_KEYS[seller], {
      role: "SELLER",
      keyId: `key-demo-${seller}`,
      label: "Local demo key",
      sellerId: seller,
      createdAt: "2026-01-01T00:00:00.000Z",
    });

    await ensureDemoEndpoint(db, "http://localhost:4010/hooks/demo", TEST_KEYRING, "2026-11-26T04:00:00.000Z");
    const first = await WebhookEndpointsRepo.get(db, seller, DEMO_ENDPOINT_ID);
    expect(first?.url).toBe("http://localhost:4010/hooks/demo");

    await ensureDemoEndpoint(db, "http://localhost:4792/hooks/demo", TEST_KEYRING, "2026-11-26T05:00:00.000Z");
    const moved = await WebhookEndpointsRepo.get(db, seller, DEMO_ENDPOINT_ID);
    expect(moved).toMatchObject({
      url: "http://localhost:4792/hooks/demo",
      version: first!.version + 1,
      updatedAt: "2026-11-26T05:00:00.000Z",
      secrets: first!.secrets,
    });

    // The same port again: nothing written.
    await ensureDemoEndpoint(db, "http://localhost:4792/hooks/demo", TEST_KEYRING, "2026-11-26T06:00:00.000Z");
    expect(await WebhookEndpointsRepo.get(db, seller, DEMO_ENDPOINT_ID)).toEqual(moved);
  });
});
