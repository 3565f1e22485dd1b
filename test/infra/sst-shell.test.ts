/**
 * The README's third step for a new stage, `npx sst shell --stage NAME -- npm run keys -- create
 * --role operator`, run the way `sst shell` runs it: a child process with exactly the environment
 * SST sets (test/support/sst-shell.ts), against DynamoDB Local standing in for AWS through the
 * AWS SDK's own `AWS_ENDPOINT_URL_DYNAMODB`. Nothing from the test process's environment leaks in.
 */

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it, inject } from "vitest";
import { ApiKeys, createDocumentClient, type TableNames } from "@seller-ops/db";
import { sstShellEnv } from "../support/sst-shell";

const root = fileURLToPath(new URL("../../", import.meta.url));
const tables = inject("tableNames") as TableNames;

function runInShell(args: string[], env: Record<string, string>) {
  return spawnSync("npm", ["run", "--silent", "keys", "--", ...args], {
    cwd: root,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npx sst shell --stage NAME -- npm run keys -- create --role operator", () => {
  const base = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    AWS_ENDPOINT_URL_DYNAMODB: inject("dynamoEndpoint"),
  };

  it("creates the stage's first operator key in its linked tables", async () => {
    const env = sstShellEnv({
      stage: "shell-test",
      tables,
      secretValues: { CursorSecret: "shell-cursor-secret" },
      base,
    });
    const run = runInShell(["create", "--role", "operator", "--label", "First operator"], env);
    expect(run.status, run.stderr).toBe(0);
    const secret = /Secret \(shown once, store it now\): (\S+)/.exec(run.stdout)?.[1];
    expect(secret, run.stdout).toBeDefined();

    const db = { doc: createDocumentClient(), tables };
    const principal = await ApiKeys.principalForSecret(db, secret!);
    expect(principal).toMatchObject({ role: "OPERATOR" });
  }, 90_000);

  it("refuses, naming the link, when the stage's ApiKeys table is linked but Sellers is not", () => {
    const env = sstShellEnv({
      stage: "shell-test",
      tables,
      secretValues: { CursorSecret: "shell-cursor-secret" },
      base,
    });
    delete env.SST_RESOURCE_Sellers;
    const run = runInShell(["create", "--role", "operator"], env);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/The Sellers table is not linked/);
  }, 90_000);
});
