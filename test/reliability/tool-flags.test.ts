import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { OverviewRepo, tableLinkEnv } from "@seller-ops/db";
import { commandArgs } from "../../packages/local/src/maintenance";
import { buyerOpensCase, world } from "../support/world";

/**
 * An operator who asks a maintenance tool only to look gets a look, or an error: never a write. A misspelt or
 * unknown flag is refused, and so is a flag npm took for itself because it was typed without `--`
 * (`npm run stats rebuild --check` runs the command with `rebuild` alone and `npm_config_check=true`).
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const run = promisify(execFile);
const DRY_RUN = { "dry-run": { type: "boolean" } } as const;

describe("a maintenance command's flags", () => {
  it("are parsed strictly: an unknown flag or a stray word is an error naming the usage", () => {
    const env = {};
    expect(commandArgs("u", DRY_RUN, { args: ["--dry-run"], env }).values["dry-run"]).toBe(true);
    expect(commandArgs("u", DRY_RUN, { args: [], env }).values["dry-run"]).toBeUndefined();
    expect(() => commandArgs("Usage: npm run x", DRY_RUN, { args: ["--dryrun"], env })).toThrow(
      /--dryrun.*\nUsage: npm run x$/s,
    );
    expect(() => commandArgs("u", DRY_RUN, { args: ["dry-run"], env })).toThrow(/dry-run/);
    expect(commandArgs("u", DRY_RUN, { args: ["rebuild"], env, positionals: true }).positionals).toEqual(["rebuild"]);
  });

  it("that npm took for itself are an error saying where the `--` goes", () => {
    for (const setting of ["true", "Orders"])
      expect(() => commandArgs("u", DRY_RUN, { args: [], env: { npm_config_dry_run: setting } })).toThrow(
        /--dry-run went to npm, not to the command: put `--` before/,
      );
    // npm's own setting left at its default is no flag of the command's; nor is one an `.npmrc` commonly sets.
    expect(commandArgs("u", DRY_RUN, { args: [], env: { npm_config_dry_run: "false" } }).values).toEqual({});
    const access = { access: { type: "string" } } as const;
    expect(
      commandArgs("u", access, { args: ["--access", "READ"], env: { npm_config_access: "public" } }).values,
    ).toEqual({ access: "READ" });
  });

  it("a look-only stats rebuild writes nothing, however the flag was typed", { timeout: 180_000 }, async () => {
    const w = await world();
    await buyerOpensCase(w);
    const key = OverviewRepo.overviewKey(w.sellerId);
    const read = async () =>
      (await w.db.doc.send(new GetCommand({ TableName: w.db.tables.Sellers, Key: key, ConsistentRead: true }))).Item!
        .casesAwaitingSeller as number;
    const counted = await read();
    // The overview drifts by 3, as a bug or a lost write would leave it.
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Sellers,
        Key: key,
        UpdateExpression: "ADD casesAwaitingSeller :x",
        ExpressionAttributeValues: { ":x": 3 },
      }),
    );
    // The commands' environment: the world's tables, and no npm settings of the test run's own.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("npm_config_")));
    Object.assign(env, tableLinkEnv(w.db.tables));
    const outcome = (argv: string[]) =>
      run(argv[0]!, argv.slice(1), { cwd: ROOT, env, timeout: 120_000 }).then(
        (done) => ({ code: 0, out: done.stdout }),
        (failed: { code: number; stdout: string; stderr: string }) => ({ code: failed.code, out: failed.stderr }),
      );

    const dryRun = await outcome(["npx", "tsx", "tools/stats.ts", "rebuild", "--dry-run"]);
    expect(dryRun.code).toBe(1); // the mismatch it found, not repaired
    expect(await read()).toBe(counted + 3);
    const misspelt = await outcome(["npx", "tsx", "tools/stats.ts", "rebuild", "--chek"]);
    expect(misspelt).toMatchObject({ code: 1, out: expect.stringMatching(/--chek/) });
    expect(await read()).toBe(counted + 3);
    const withoutDashes = await outcome(["npm", "run", "--silent", "stats", "rebuild", "--check"]);
    expect(withoutDashes).toMatchObject({ code: 1, out: expect.stringMatching(/--check went to npm/) });
    expect(await read()).toBe(counted + 3);

    // Asked to repair, it repairs.
    expect((await outcome(["npx", "tsx", "tools/stats.ts", "rebuild"])).code).toBe(0);
    expect(await read()).toBe(counted);
  });
});

/**
 * What an operator types wrong is refused before anything is read or written: a flag a command does not have (a
 * `--dry-run` hoped for) or a word too many. Each command runs in its own process, as typed; none of these reaches a
 * database (the endpoint given answers nothing), so a refusal that came after the work would show as another error.
 */
type Typed = { code: number | null; stderr: string; stdout: string };
function typed(...args: string[]): Promise<Typed> {
  return typedWith({}, ...args);
}

/** `npmTook`: the settings npm keeps of a flag typed without `--` (`npm run webhooks:reseal --dry-run`). */
function typedWith(npmTook: Record<string, string>, ...args: string[]): Promise<Typed> {
  return new Promise((done) => {
    // No DynamoDB to find: a command that went on would fail on its tables, not with the refusal asserted.
    const env = { ...process.env, ...npmTook, DYNAMODB_ENDPOINT: "http://127.0.0.1:9" };
    execFile("npx", ["tsx", ...args], { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
    });
  });
}

describe("a maintenance command typed wrong, run as typed", () => {
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
    // Typed without `--`, npm keeps it: a command with no look-only flag refuses it all the same, as does the job.
    for (const command of [["tools/reseal-webhook-secrets.ts"], ["packages/local/src/job.ts", "late-orders"]]) {
      const tookByNpm = await typedWith({ npm_config_dry_run: "true" }, ...command);
      expect(tookByNpm.stderr, command[0]).toContain("--dry-run went to npm, not to the command");
      expect(tookByNpm.code, command[0]).not.toBe(0);
      expect(tookByNpm.stdout).toBe("");
    }
  }, 120_000);

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
