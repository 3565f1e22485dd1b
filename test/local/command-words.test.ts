import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * What an operator types wrong is refused before anything is read or written: a flag a command does not have (a
 * `--dry-run` hoped for) or a word too many. Each command runs in its own process, as typed; none of these reaches a
 * database (none is running for them), so a refusal that came after the work would show as another error.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function typed(...args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((done) => {
    // No DynamoDB to find: a command that went on would fail on its tables, not with the refusal asserted.
    const env = { ...process.env, DYNAMODB_ENDPOINT: "http://127.0.0.1:9" };
    execFile("npx", ["tsx", ...args], { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
    });
  });
}

describe("a maintenance command typed wrong", () => {
  it("npm run job refuses a flag and a second word (it would have run the real job)", async () => {
    for (const words of [
      ["late-orders", "--dry-run"],
      ["retention", "now"],
    ]) {
      const run = await typed("packages/local/src/job.ts", ...words);
      expect(run.code, words.join(" ")).toBe(2);
      expect(run.stderr).toContain("Usage: npm run job -- late-orders");
      expect(run.stdout).toBe("");
    }
  }, 120_000);

  it("webhooks:reseal refuses any flag: it has no dry run, and would have re-sealed", async () => {
    const run = await typed("tools/reseal-webhook-secrets.ts", "--dry-run");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Unknown option '--dry-run'[\s\S]*Usage: npm run webhooks:reseal/);
    expect(run.stdout).toBe("");
  }, 60_000);

  it("keys refuses a second key id to revoke, and a word after list", async () => {
    const revoke = await typed("packages/local/src/keys.ts", "revoke", "key_A", "key_B");
    expect(revoke.code).toBe(1);
    expect(revoke.stderr).toContain("Unexpected key_B: revoke takes one key id");
    const list = await typed("packages/local/src/keys.ts", "list", "extra");
    expect(list.code).toBe(1);
    expect(list.stderr).toContain("Unexpected extra: nothing follows list");
  }, 120_000);

  it("the fixture capture names its folder and never writes over a fixture", async () => {
    const bare = await typed("tools/capture-stored-items.ts");
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("--out is required");
    const over = await typed("tools/capture-stored-items.ts", "--out", "test/fixtures/stored-items-v1");
    expect(over.code).toBe(2);
    expect(over.stderr).toContain("already holds files: a fixture is never written over");
  }, 120_000);
});
