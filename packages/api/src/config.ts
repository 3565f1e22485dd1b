import { Resource } from "sst/resource";
import { Cases, Deposits, Orders, Webhooks } from "@seller-ops/core";
import { tablesFromLinks, type TableName, type TableNames } from "@seller-ops/db";
// The module itself, not the package's namespace: through the namespace every job's bundle would carry the whole
// idempotency repository, and its role the DeleteItem it never sends (stacks/wiring.ts, `allCommands`).
import * as Idempotency from "@seller-ops/db/src/idempotency";
import { DEFAULT_JWT_SELLER_CLAIM } from "./defaults";

/**
 * The service's configuration, read in this one module, once per process: each handler calls
 * `loadConfig` when its container starts and passes the result down. Nothing else reads the
 * environment for configuration, the logger's and the metrics writer's mute switches included
 * (`LOG_LEVEL=silent`, `METRICS_DISABLED=true`: the test suite and local jobs set them).
 *
 * - Tables, the cursor secret and the webhook secret key come from SST links (`Resource`):
 *   deployed, the `sst` SDK decrypts `resource.enc` with `SST_KEY`; under `sst shell`, locally and in tests they are
 *   `SST_RESOURCE_<Name>` variables. See the README's Deploy section for why links.
 * - `APP_MODE` and `JWT_SELLER_CLAIM` are plain variables that `stacks/wiring.ts` sets per stage;
 *   `WEBHOOKS_ALLOW_LOCAL_ENDPOINTS=true` (development only) is set by `npm start`.
 * - Business rules and the storage layout (shard counts, retention periods) are kept in code.
 */

/** Everything the API may be configured with; defaults suit local development. */
export interface ApiConfig {
  mode: "production" | "development";
  /** HMAC key for pagination cursors (the `CursorSecret` SST secret when deployed). */
  cursorSecret: string;
  /** The claim of a verified frontend token that names the user's seller. */
  jwtSellerClaim: string;
  orderRules: Orders.OrderRules;
  caseRules: Cases.CaseRules;
  /** Deposit refund thresholds (packages/core/src/deposits/README.md). */
  depositRules: Deposits.DepositRules;
  idempotency: Idempotency.IdempotencyRules;
  /** Whether log lines and CloudWatch metric lines are written (both on unless muted). */
  output: { logs: boolean; metrics: boolean };
  webhooks: WebhookConfig;
}

/** What webhook endpoints and their secrets depend on, decided here from the mode and the links. */
export interface WebhookConfig {
  /**
   * `http://localhost…` endpoints, so a partner can receive deliveries on its own machine: only in
   * development, and only when `WEBHOOKS_ALLOW_LOCAL_ENDPOINTS=true` (`npm start` sets it); off in
   * production whatever the variable says.
   */
  allowLocalEndpoints: boolean;
  /** Seals endpoint signing secrets at rest (the `WebhookSecretKey` SST secret when deployed). */
  keyring: Webhooks.Keyring;
}

/** The SST secrets the configuration reads; each function is linked to those it uses (`functionSecrets`). */
export const SECRET_NAMES = ["CursorSecret", "WebhookSecretKey"] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** Linked resources by name: `{ name }` for a table, `{ value }` for a secret, as SST's `Resource` has them. */
export type Links = Readonly<Record<string, unknown>>;

/** Signs cursors in development mode (`npm start`, tests, any stage not run as production): public, not a secret. */
export const LOCAL_CURSOR_SECRET = "local-development-cursor-secret";
export { DEFAULT_JWT_SELLER_CLAIM } from "./defaults";
const LOCAL_WEBHOOK_SECRET_KEY = "local-development-webhook-secret-key";

/**
 * The links a process sees. `SST_RESOURCE_<Name>` variables (JSON) always; in a deployed function
 * also the encrypted `resource.enc` (`SST_KEY_FILE` + `SST_KEY`), which only the `sst` SDK's
 * `Resource` reads — so that is used whenever the file is there.
 */
export function linksFrom(env: NodeJS.ProcessEnv): Links {
  const links: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith("SST_RESOURCE_") && value)
      links[key.slice("SST_RESOURCE_".length)] = JSON.parse(value) as unknown;
  }
  if (env.SST_KEY_FILE && env.SST_KEY) {
    const sdk = Resource as unknown as Links;
    for (const name of Object.keys(sdk)) links[name] = sdk[name];
  }
  return links;
}

function secretValue(links: Links, name: string): string | undefined {
  const link = links[name];
  return typeof link === "object" && link !== null && "value" in link && typeof link.value === "string"
    ? link.value
    : undefined;
}

/**
 * The API's settings from the environment and links (tables are separate: see `loadConfig`). `secrets` are the ones
 * the function is linked to: each is required in production mode. A secret it is not linked to (a job holds no
 * cursor key, and only the webhook functions hold the sealing key) is a field that throws when read, naming the
 * secret: a function that came to need one fails at that line, with the fix, instead of signing with a stand-in.
 */
export function configFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  links: Links = linksFrom(env),
  secrets: readonly SecretName[] = SECRET_NAMES,
): ApiConfig {
  const mode = env.APP_MODE === "production" ? "production" : "development";
  const config = {
    mode,
    cursorSecret: "",
    jwtSellerClaim: env.JWT_SELLER_CLAIM?.trim() || DEFAULT_JWT_SELLER_CLAIM,
    orderRules: Orders.defaultOrderRules,
    caseRules: Cases.defaultCaseRules,
    depositRules: Deposits.defaultDepositRules,
    idempotency: Idempotency.defaultIdempotencyRules,
    output: { logs: env.LOG_LEVEL !== "silent", metrics: env.METRICS_DISABLED !== "true" },
    webhooks: { allowLocalEndpoints: mode === "development" && env.WEBHOOKS_ALLOW_LOCAL_ENDPOINTS === "true" },
  } as ApiConfig;
  if (secrets.includes("CursorSecret")) config.cursorSecret = requiredSecret(mode, links, "CursorSecret");
  else notLinked(config, "cursorSecret", "CursorSecret");
  if (secrets.includes("WebhookSecretKey"))
    config.webhooks.keyring = Webhooks.keyringFrom(requiredSecret(mode, links, "WebhookSecretKey"));
  else notLinked(config.webhooks, "keyring", "WebhookSecretKey");
  return config;
}

/** Development mode's stand-ins for the secrets (`npm start`, tests, any stage not run as production): public. */
const LOCAL_SECRETS: Record<SecretName, string> = {
  CursorSecret: LOCAL_CURSOR_SECRET,
  WebhookSecretKey: LOCAL_WEBHOOK_SECRET_KEY,
};

/**
 * A linked secret's value. In production mode one not set stops the function at start. In development mode the public
 * stand-in serves only where nothing is linked (`npm start`, tests): a deployed stage links every secret, and one set
 * to an empty value there stops the function too, rather than signing cursors or sealing webhook secrets with a key
 * anyone can read in this repository.
 */
function requiredSecret(mode: ApiConfig["mode"], links: Links, name: SecretName): string {
  const value = secretValue(links, name);
  // Blank is empty: a key of spaces signs nothing anyone could not forge.
  if (value?.trim()) return value;
  if (value === undefined && mode === "development") return LOCAL_SECRETS[name];
  throw new Error(
    value === undefined
      ? `The ${name} secret is required in production mode: sst secret set ${name} … --stage NAME.`
      : `The ${name} secret is linked but empty: sst secret set ${name} … --stage NAME.`,
  );
}

/**
 * Makes a field of a secret the function is not linked to throw when read (`configFromEnv` says why). Enumerable, so
 * a spread or serialized copy of the config reads it and throws too, rather than silently dropping the field.
 */
function notLinked<T extends object>(target: T, field: keyof T & string, secret: SecretName): void {
  Object.defineProperty(target, field, {
    enumerable: true,
    get() {
      throw new Error(
        `This function is not linked to the ${secret} secret: ` +
          "list it in functionSecrets (packages/functions/src/tables.ts).",
      );
    },
  });
}

/**
 * Everything a handler starts with: its settings, the tables it needs and the secrets it is linked to. A table in
 * `tables` that is not linked, or in production a secret in `secrets` not set, fails here, at start, not at the
 * first request.
 */
export function loadConfig(
  tables: readonly TableName[],
  secrets: readonly SecretName[],
  env: NodeJS.ProcessEnv = process.env,
): { config: ApiConfig; tables: TableNames } {
  const links = linksFrom(env);
  return { config: configFromEnv(env, links, secrets), tables: tablesFromLinks(links, tables) };
}
