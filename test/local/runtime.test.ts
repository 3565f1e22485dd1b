import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  claimRuntime,
  localDynamo,
  NO_DYNAMODB,
  publishRuntime,
  readRuntime,
  releaseRuntime,
  type RuntimeInfo,
  takeOver,
} from "../../packages/local/src/runtime";

/**
 * `.local/runtime.json` is `npm start`'s lock, taken before DynamoDB Local starts on the data folder (two starts a
 * moment apart both started it when the file was written only once ready), and what the other local commands read
 * (a file left by a process killed with -9 made them fail after 16 s with a bare ECONNREFUSED). Two starts racing to
 * take over a stale file once both won: one had moved the file aside to check it while the other created it anew.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const runtimeFile = () => join(mkdtempSync(join(tmpdir(), "runtime-")), "sub", "runtime.json");

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

const ready = (pid: number): RuntimeInfo => ({
  endpoint: "http://127.0.0.1:8123",
  tablePrefix: "local",
  graphqlUrl: "http://localhost:4000/graphql",
  pid,
});

/**
 * `count` processes that each claim `file` at the same moment (once all are up, on a signal), say whether they got it,
 * and stay alive until their stdin closes (a winner that ended would leave a stale lock the others may rightly take
 * over).
 */
async function racingClaims(file: string, count: number): Promise<string[]> {
  const module = join(ROOT, "packages/local/src/runtime.ts");
  const go = join(dirname(file), "go");
  const script = join(dirname(file), "claim.ts");
  writeFileSync(
    script,
    `import { existsSync } from "node:fs";\nimport { claimRuntime } from ${JSON.stringify(module)};\n` +
      `process.stdout.write("ready ");\nwhile (!existsSync(${JSON.stringify(go)}));\n` +
      `process.stdout.write(claimRuntime(${JSON.stringify(file)}) ? "refused" : "claimed");\n` +
      "process.stdin.resume();\nprocess.stdin.on('end', () => process.exit(0));\n",
  );
  const tsx = join(ROOT, "node_modules/.bin/tsx");
  const children = Array.from({ length: count }, () =>
    spawn(tsx, [script], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] }),
  );
  const outputs = children.map(() => "");
  const ended = children.map(() => false);
  children.forEach((child, i) => {
    child.stdout.on("data", (chunk: Buffer) => {
      outputs[i] += chunk.toString();
    });
    child.on("exit", () => {
      ended[i] = true;
    });
  });
  /** Waits until each claimant has said `what`; fails if one ended first. */
  const said = async (what: RegExp) => {
    while (!outputs.every((o) => what.test(o))) {
      const gone = ended.findIndex((e, i) => e && !what.test(outputs[i]!));
      if (gone >= 0) throw new Error(`claimant ${gone} ended: ${outputs[gone]}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await said(/ready/);
  writeFileSync(go, "");
  await said(/claimed|refused/);
  for (const child of children) child.stdin.end();
  await Promise.all(children.map((child) => new Promise((resolve) => child.on("close", resolve))));
  return outputs.map((o) => o.replace("ready ", ""));
}

describe("npm start's runtime file, as a lock", () => {
  it("is taken by one claimant, refused to another while the first lives, and taken over once it is gone", () => {
    const file = runtimeFile();
    expect(claimRuntime(file, process.pid)).toBeNull();
    expect(readRuntime(file)).toEqual({ pid: process.pid });
    // Another `npm start` (any other pid) while this one lives.
    expect(claimRuntime(file, process.pid + 1)).toEqual({ pid: process.pid });

    // Left by a process killed with -9: stale, taken over.
    const dead = deadPid();
    writeFileSync(file, JSON.stringify(ready(dead)));
    expect(claimRuntime(file, process.pid)).toBeNull();
    expect(readRuntime(file)).toEqual({ pid: process.pid });
    // Unreadable: taken over too.
    writeFileSync(file, "{");
    expect(claimRuntime(file, process.pid)).toBeNull();
  });

  it("is taken over from a gone process only by the claimant that marked that file first", () => {
    const file = runtimeFile();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(ready(deadPid())));
    const marker = `${file}.replacing-${statSync(file, { bigint: true }).ino}`;
    // Another start (alive: this process) is replacing it: this one waits, then gives up, and the file stays.
    writeFileSync(marker, `${process.pid}\n`);
    const before = readFileSync(file, "utf8");
    expect(() => claimRuntime(file, process.pid + 1)).toThrow("other processes keep changing it");
    expect(readFileSync(file, "utf8")).toBe(before);
    // That start was killed midway: said, with what to remove, rather than guessed at.
    writeFileSync(marker, `${deadPid()}\n`);
    expect(() => claimRuntime(file, process.pid)).toThrow(`remove ${marker}`);
    rmSync(marker);
    expect(claimRuntime(file, process.pid)).toBeNull();
    expect(readRuntime(file)).toEqual({ pid: process.pid });
    expect(existsSync(marker)).toBe(false);
  });

  it("is replaced with the whole record once ready, and removed only by its holder", () => {
    const file = runtimeFile();
    expect(claimRuntime(file, process.pid)).toBeNull();
    publishRuntime(ready(process.pid), file);
    expect(readRuntime(file)).toEqual(ready(process.pid));
    expect(claimRuntime(file, process.pid + 1)).toEqual(ready(process.pid));
    releaseRuntime(file, process.pid + 1);
    expect(existsSync(file)).toBe(true);
    releaseRuntime(file, process.pid);
    expect(existsSync(file)).toBe(false);
  });

  it("is not taken over once the file has a live holder again, even under the stale file's inode number", () => {
    // A claimant that read the file stale is held up; meanwhile another takes it over and publishes, and the new file
    // can get the freed inode number. Written in place here, so that the number is surely the same.
    const file = runtimeFile();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(ready(deadPid())));
    const inode = statSync(file, { bigint: true }).ino;
    writeFileSync(file, JSON.stringify(ready(process.pid)));
    expect(statSync(file, { bigint: true }).ino).toBe(inode);
    const mine = `${file}.late`;
    writeFileSync(mine, JSON.stringify({ pid: process.pid + 1 }));
    expect(takeOver(file, inode, mine, process.pid + 1)).toBe(false);
    expect(readRuntime(file)).toEqual(ready(process.pid));
    expect(existsSync(`${file}.replacing-${inode}`)).toBe(false);
  });

  it.each([
    ["no file", () => null],
    ["a stale file", (pid: number) => ready(pid)],
  ])(
    "is taken by exactly one of several starts at the same moment (%s before)",
    async (_, before) => {
      const file = runtimeFile();
      mkdirSync(dirname(file), { recursive: true });
      const left = before(deadPid());
      if (left) writeFileSync(file, JSON.stringify(left));
      const results = await racingClaims(file, 4);
      expect(results.sort()).toEqual(["claimed", "refused", "refused", "refused"]);
    },
    180_000,
  );
});

describe("the DynamoDB the local commands use (npm run job, keys, stats, migrate, webhooks:reseal)", () => {
  const env = { TABLE_PREFIX: undefined, DYNAMODB_ENDPOINT: undefined };

  it("is the running npm start's, or DYNAMODB_ENDPOINT", () => {
    const file = runtimeFile();
    claimRuntime(file, process.pid);
    publishRuntime(ready(process.pid), file);
    expect(localDynamo(NO_DYNAMODB, env, file)).toEqual({ endpoint: "http://127.0.0.1:8123", tablePrefix: "local" });
    expect(localDynamo(NO_DYNAMODB, { ...env, TABLE_PREFIX: "mine" }, file).tablePrefix).toBe("mine");
    expect(localDynamo(NO_DYNAMODB, { DYNAMODB_ENDPOINT: "http://other:8000" }, runtimeFile())).toEqual({
      endpoint: "http://other:8000",
      tablePrefix: "local",
    });
  });

  it("is none, said at once, when no npm start runs: no file, or one its killed process left", () => {
    const file = runtimeFile();
    expect(() => localDynamo(NO_DYNAMODB, env, file)).toThrow(NO_DYNAMODB);
    claimRuntime(file, process.pid);
    publishRuntime(ready(deadPid()), file);
    expect(() => localDynamo(NO_DYNAMODB, env, file)).toThrow(NO_DYNAMODB);
    expect(() => localDynamo("No local DynamoDB is running.", env, file)).toThrow("No local DynamoDB is running.");
  });

  it("is not yet there while npm start is starting", () => {
    const file = runtimeFile();
    claimRuntime(file, process.pid);
    expect(() => localDynamo(NO_DYNAMODB, env, file)).toThrow(`\`npm start\` (pid ${process.pid}) is still starting`);
  });
});
