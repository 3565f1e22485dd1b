import { randomBytes } from "node:crypto";
import { configFromEnv, resealedSecretAnswer, SEALED_ANSWER_MUTATIONS, type ResealedAnswer } from "@seller-ops/api";
import { Webhooks } from "@seller-ops/core";
import { Idempotency, kindOf, storedPayloadOf, transactWrite, WebhookEndpointsRepo, type Db } from "@seller-ops/db";
import { commandArgs, maintenanceDatabase, runWhenCalled, scanItems } from "../packages/local/src/maintenance";

/**
 * `npm run webhooks:reseal`: step 2 of rotating the `WebhookSecretKey` (docs/webhooks.md). With
 * the secret set to `NEW OLD`, every endpoint's signing secrets are re-sealed under NEW, and so is the secret each
 * idempotency record of a registration or a rotation keeps for a retry (24 h), so that the secret can then be set
 * to `NEW` alone and such a retry still answers its secret. A maintenance tool, so it may Scan. Idempotent: what is
 * already sealed under NEW is left alone (no write); an endpoint or a record changed meanwhile is counted as a
 * conflict (never overwritten), and running again finishes it. An endpoint item this code cannot read is listed and
 * left alone (the others are still re-sealed): its secrets may still be sealed under OLD, so the secret must keep OLD
 * until it is mended and the tool run again. So is an endpoint whose secret no key of the keyring opens (sealed under a
 * key retired before): it is named, the others are still re-sealed.
 */

export interface EndpointsReport {
  scanned: number;
  resealed: number;
  current: number;
  conflicts: number;
  /** `scope/endpointId` of each endpoint item this code cannot read (`WebhookEndpointsRepo.readItem`). */
  unreadable: string[];
  /** `scope/endpointId` of each endpoint with a secret no key of the keyring opens: left as it is. */
  unopenable: string[];
}

/** The idempotency records of `SEALED_ANSWER_MUTATIONS` (their kept answers). */
export interface AnswersReport {
  scanned: number;
  resealed: number;
  current: number;
  /** Records keeping no sealed secret (a refusal, a record of a release that kept none): not written. */
  withoutSecret: number;
  conflicts: number;
  /** Records whose secret no key of the keyring opens (sealed under a key already retired): a retry answers none. */
  unopenable: number;
}

export interface ResealReport {
  endpoints: EndpointsReport;
  answers: AnswersReport;
}

export async function resealAll(db: Db, keyring: Webhooks.Keyring): Promise<ResealReport> {
  return { endpoints: await resealEndpoints(db, keyring), answers: await resealAnswers(db, keyring) };
}

async function resealEndpoints(db: Db, keyring: Webhooks.Keyring): Promise<EndpointsReport> {
  const report: EndpointsReport = { scanned: 0, resealed: 0, current: 0, conflicts: 0, unreadable: [], unopenable: [] };
  for await (const item of scanItems(db, { TableName: db.tables.WebhookEndpoints })) {
    if (kindOf("WebhookEndpoints", item) !== "webhookEndpoint") continue;
    report.scanned++;
    const endpoint = WebhookEndpointsRepo.readItem(item);
    if (WebhookEndpointsRepo.isUnreadable(endpoint)) {
      report.unreadable.push(`${endpoint.scope}/${endpoint.endpointId}`);
      continue;
    }
    let write: ReturnType<typeof WebhookEndpointsRepo.resealWrite>;
    try {
      write = WebhookEndpointsRepo.resealWrite(db, endpoint, keyring);
    } catch (error) {
      if (!(error instanceof Webhooks.SealError)) throw error;
      report.unopenable.push(`${endpoint.scope}/${endpoint.endpointId}`);
      continue;
    }
    if (!write) {
      report.current++;
      continue;
    }
    const result = await transactWrite(db.doc, [write]);
    if (result.ok) report.resealed++;
    else report.conflicts++;
  }
  return report;
}

/**
 * The completed records of the mutations whose answer keeps a sealed secret (their key is
 * `principal#mutation#key`, and a key has no `#`), each re-sealed at most once, conditioned on the answer read.
 */
async function resealAnswers(db: Db, keyring: Webhooks.Keyring): Promise<AnswersReport> {
  const report: AnswersReport = { scanned: 0, resealed: 0, current: 0, withoutSecret: 0, conflicts: 0, unopenable: 0 };
  const names = Object.fromEntries(SEALED_ANSWER_MUTATIONS.map((name, i) => [`:m${i}`, `#${name}#`]));
  for await (const item of scanItems(db, {
    TableName: db.tables.Idempotency,
    FilterExpression: `attribute_exists(payloadZ) AND (${Object.keys(names)
      .map((n) => `contains(pk, ${n})`)
      .join(" OR ")})`,
    ExpressionAttributeValues: names,
  })) {
    if (kindOf("Idempotency", item) !== "idempotencyRecord") continue;
    report.scanned++;
    let found: ResealedAnswer;
    try {
      found = resealedSecretAnswer(storedPayloadOf(item), keyring, randomBytes(12));
    } catch (error) {
      if (!(error instanceof Webhooks.SealError)) throw error;
      report.unopenable++;
      continue;
    }
    if (found.kind === "noSecret") report.withoutSecret++;
    else if (found.kind === "current") report.current++;
    else if ((await transactWrite(db.doc, [Idempotency.answerWrite(db, item, found.payload)])).ok) report.resealed++;
    else report.conflicts++;
  }
  return report;
}

const USAGE =
  "Usage: npm run webhooks:reseal (no arguments; with the WebhookSecretKey secret set to `NEW OLD`, docs/webhooks.md)";

async function main() {
  // Nothing to choose: any flag (a `--dry-run` hoped for) is refused before anything is written.
  commandArgs(USAGE, {});
  const { endpoints, answers } = await resealAll(maintenanceDatabase(), configFromEnv().webhooks.keyring);
  process.stdout.write(
    `WebhookEndpoints: scanned ${endpoints.scanned}, resealed ${endpoints.resealed}, ` +
      `already current ${endpoints.current}, conflicts ${endpoints.conflicts}\n` +
      `Idempotency (kept answers of ${SEALED_ANSWER_MUTATIONS.join(", ")}): scanned ${answers.scanned}, ` +
      `resealed ${answers.resealed}, already current ${answers.current}, without a secret ${answers.withoutSecret}, ` +
      `conflicts ${answers.conflicts}, no key opens ${answers.unopenable}\n`,
  );
  if (endpoints.conflicts + answers.conflicts > 0) {
    process.stderr.write("Some endpoints or kept answers changed while they were re-sealed: run again.\n");
    process.exitCode = 1;
  }
  if (endpoints.unreadable.length > 0) {
    process.stderr.write(
      `These endpoint items cannot be read and were left as they are: ${endpoints.unreadable.join(", ")}. ` +
        "Keep OLD in the secret; mend them (or finish the deploy that wrote them), then run again.\n",
    );
    process.exitCode = 1;
  }
  if (endpoints.unopenable.length > 0) {
    process.stderr.write(
      `These endpoints hold a secret no key of the secret opens and were left as they are: ` +
        `${endpoints.unopenable.join(", ")}. Put the key that sealed them back in the secret (after NEW) and run ` +
        "again.\n",
    );
    process.exitCode = 1;
  }
  if (answers.unopenable > 0) {
    process.stderr.write(
      `${answers.unopenable} kept answers hold a secret no key of the secret opens (a key retired earlier): ` +
        "a retry of those answers no secret until the record expires (24 h). Left as they are.\n",
    );
  }
}

runWhenCalled(import.meta.url, main);
