import { Errors, I18n, Keys } from "@seller-ops/core";
import { ApiKeys, KeyRevocation, SellersRepo, type Db } from "@seller-ops/db";
import { commandArgs, maintenanceDatabase, runWhenCalled } from "./maintenance";

/**
 * `npm run keys -- create --role operator --label "Ops team"`: issues the very first operator key
 * of a new stage (later keys can be managed through the API by an operator), lists keys (never
 * a secret) and revokes them. Runs against the DynamoDB that `npm start` runs, or — for a
 * deployed stage — the linked tables, inside `npx sst shell --stage NAME -- npm run keys -- …`
 * (SST sets `SST_RESOURCE_<Table>` and the AWS credentials). The secret is printed once; only its
 * hash is stored. As `createApiKey` does, it refuses a key for a seller that does not exist (a seller
 * key's seller, each seller a partner or marketplace key is granted) and then writes nothing.
 */

const USAGE = `Usage:
  npm run keys -- create --role operator|seller|partner|marketplace --label TEXT [--seller ID] [--sellers ID,ID]
    [--access READ|READ_WRITE] [--all-sellers]
  npm run keys -- list
  npm run keys -- revoke KEY_ID`;

/** The sellers a grant names that do not exist, read consistently (a seller onboarded a moment ago counts). */
async function missingSellers(db: Db, grant: Keys.Grant): Promise<string[]> {
  const sellerIds = Keys.grantedSellerIds(grant);
  const found = await Promise.all(sellerIds.map((id) => SellersRepo.getSeller(db, id, { consistent: true })));
  return sellerIds.filter((_, i) => !found[i]);
}

async function main() {
  const { positionals, values } = commandArgs(
    USAGE,
    {
      role: { type: "string" },
      label: { type: "string" },
      seller: { type: "string" },
      sellers: { type: "string" },
      access: { type: "string" },
      "all-sellers": { type: "boolean" },
    },
    { positionals: true },
  );
  const [command, arg] = positionals;
  // Every word counts: `revoke A B` revoking A alone, and saying so, would leave B working unnoticed.
  const extra = positionals.slice(command === "revoke" ? 2 : 1);
  if (extra.length > 0) {
    const takes =
      command === "revoke" ? "revoke takes one key id (revoke each key on its own)" : `nothing follows ${command}`;
    throw new Error(`Unexpected ${extra.join(" ")}: ${takes}.\n${USAGE}`);
  }
  // Keys live in ApiKeys; a seller key is checked against Sellers; creating or revoking one writes its event in Events.
  const db = maintenanceDatabase(["ApiKeys", "Sellers", "Events"]);
  const now = new Date().toISOString();
  switch (command) {
    case "create": {
      const parsed = Keys.CreateInput.safeParse({
        role: values.role?.toUpperCase(),
        label: values.label ?? `${values.role ?? "?"} key created ${now.slice(0, 10)}`,
        sellerId: values.seller,
        sellerIds: values.sellers?.split(",").filter(Boolean),
        access: values.access?.toUpperCase(),
        allSellers: values["all-sellers"],
      });
      if (!parsed.success)
        throw new Error(
          parsed.error.issues.map((i) => `${i.path.join(".")}: ${I18n.english(Errors.issueText(i))}`).join("\n"),
        );
      const grant = Keys.decideGrant(parsed.data);
      if (!grant.ok) throw new Error(grant.errors.map((e) => e.message).join("\n"));
      const missing = await missingSellers(db, grant.value);
      if (missing.length > 0)
        throw new Error(
          `${I18n.english(I18n.text("refusal.key.unknownSellers", { sellerIds: missing }))} No key created.`,
        );
      const { secret, key } = await ApiKeys.createKey(db, { grant: grant.value, label: parsed.data.label, now });
      process.stdout.write(
        `Created ${key.role} key ${key.keyId} (${key.label}).\nSecret (shown once, store it now): ${secret}\n`,
      );
      return;
    }
    case "list": {
      let after: Record<string, string | number> | null = null;
      do {
        const page = await ApiKeys.listKeys(db, { first: 100, after });
        for (const { item } of page.items) process.stdout.write(`${JSON.stringify(item)}\n`);
        after = page.hasNextPage ? page.resumeKey : null;
      } while (after);
      return;
    }
    case "revoke": {
      if (!arg) throw new Error(USAGE);
      const key = await ApiKeys.findByKeyId(db, arg);
      if (!key) throw new Error(`No key ${arg}.`);
      // The key and the webhook endpoints it registered, as the revokeApiKey mutation does (one place).
      const outcome = await KeyRevocation.revokeKey(db, key.keyHash, now);
      process.stdout.write(
        outcome.revoked ? `Revoked ${arg}: it stops working now.\n` : `${arg} was already revoked.\n`,
      );
      for (const endpoint of outcome.disabledEndpoints)
        process.stdout.write(
          `Disabled webhook endpoint ${endpoint.endpointId} (scope ${endpoint.scope}): KEY_REVOKED.\n`,
        );
      if (outcome.more) process.stdout.write(`${arg} registered more endpoints: run revoke again to disable them.\n`);
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

runWhenCalled(import.meta.url, main);
