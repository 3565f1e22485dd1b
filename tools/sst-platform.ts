/**
 * Writes SST's platform (`.sst/platform`) from the installed `sst` version, offline.
 *
 * `sst install` downloads nothing we lack: the platform's TypeScript (every component, `src/auto/run.ts`,
 * `src/shim/run.js`, its `package.json`) is embedded in the CLI binary of the optional dependency
 * `sst-<os>-<arch>` as a Go `embed.FS`. This reads that file table straight out of the ELF binary and
 * writes the files, then the `config.d.ts` that `sst install` would generate (the `sst`, `aws`, `$app`,
 * `$config` … globals that `sst.config.ts` and `stacks/` use). The platform's own npm dependencies
 * (`@pulumi/pulumi`, `@pulumi/aws`, …) are pinned devDependencies of this repository, so they resolve
 * from the root `node_modules`.
 *
 * `npm run typecheck` and the synthesis tests run this first; it does nothing when the platform on
 * disk already comes from the installed binary. Run it by hand: `npx tsx tools/sst-platform.ts`.
 */

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
export const platformDir = path.join(root, ".sst", "platform");
const stampFile = path.join(platformDir, ".extracted-from");

/** The CLI binary npm installed for this machine (`sst-linux-x64`, …). */
function cliBinary(): string {
  const require = createRequire(import.meta.url);
  const pkg = `sst-${process.platform}-${process.arch}`;
  try {
    return path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [root] })), "bin", "sst");
  } catch {
    throw new Error(`The SST CLI for this machine (${pkg}) is not installed: run npm ci.`);
  }
}

interface Section {
  addr: bigint;
  offset: number;
  size: number;
}

/** Loadable ELF64 sections: where each virtual address range lives in the file. */
function elfSections(bin: Buffer): Section[] {
  if (bin.readUInt32BE(0) !== 0x7f454c46 || bin[4] !== 2) {
    throw new Error("Only 64-bit ELF (Linux) SST binaries can be read; on another OS run `npx sst install` instead.");
  }
  const shoff = Number(bin.readBigUInt64LE(0x28));
  const shentsize = bin.readUInt16LE(0x3a);
  const shnum = bin.readUInt16LE(0x3c);
  const sections: Section[] = [];
  for (let i = 0; i < shnum; i++) {
    const at = shoff + i * shentsize;
    const type = bin.readUInt32LE(at + 4);
    const addr = bin.readBigUInt64LE(at + 16);
    const offset = Number(bin.readBigUInt64LE(at + 24));
    const size = Number(bin.readBigUInt64LE(at + 32));
    // SHT_NOBITS (.bss) has no bytes in the file.
    if (type !== 8 && addr !== 0n) sections.push({ addr, offset, size });
  }
  return sections;
}

/**
 * The files of the platform's `embed.FS`. Go lays an embedded file system out as an array of
 * 48-byte records `{ name string; data string; hash [16]byte }` (a string is a pointer and a
 * length). Find the record whose name is a file we know is there, then walk both ways while the
 * neighbours still look like records.
 */
export function embeddedPlatformFiles(bin: Buffer): Map<string, Buffer> {
  const sections = elfSections(bin);
  const toOffset = (addr: bigint): number | null => {
    for (const s of sections)
      if (addr >= s.addr && addr < s.addr + BigInt(s.size)) return s.offset + Number(addr - s.addr);
    return null;
  };
  const toAddr = (offset: number): bigint | null => {
    for (const s of sections)
      if (offset >= s.offset && offset < s.offset + s.size) return s.addr + BigInt(offset - s.offset);
    return null;
  };
  const record = (at: number): { name: string; data: Buffer } | null => {
    if (at < 0 || at + 48 > bin.length) return null;
    const nameAddr = bin.readBigUInt64LE(at);
    const nameLen = Number(bin.readBigUInt64LE(at + 8));
    const dataAddr = bin.readBigUInt64LE(at + 16);
    const dataLen = Number(bin.readBigUInt64LE(at + 24));
    if (nameAddr === 0n || nameLen <= 0 || nameLen >= 400) return null;
    const nameAt = toOffset(nameAddr);
    if (nameAt === null) return null;
    const name = bin.subarray(nameAt, nameAt + nameLen).toString("latin1");
    if (!/^[\w./@+\-[\] ]+$/.test(name)) return null;
    if (dataLen === 0) return { name, data: Buffer.alloc(0) };
    const dataAt = toOffset(dataAddr);
    if (dataAt === null || dataAt + dataLen > bin.length) return null;
    return { name, data: bin.subarray(dataAt, dataAt + dataLen) };
  };

  const known = Buffer.from("src/components/aws/function.ts");
  let anchor = -1;
  for (let hit = bin.indexOf(known); hit !== -1 && anchor === -1; hit = bin.indexOf(known, hit + 1)) {
    const addr = toAddr(hit);
    if (addr === null) continue;
    const pattern = Buffer.alloc(16);
    pattern.writeBigUInt64LE(addr, 0);
    pattern.writeBigUInt64LE(BigInt(known.length), 8);
    anchor = bin.indexOf(pattern);
  }
  if (anchor === -1) throw new Error("SST's platform file table was not found in the CLI binary (a new SST layout?).");

  let first = anchor;
  while (record(first - 48)) first -= 48;
  const files = new Map<string, Buffer>();
  for (let at = first; ; at += 48) {
    const r = record(at);
    if (!r) break;
    if (!r.name.endsWith("/")) files.set(r.name, r.data);
  }
  for (const needed of ["package.json", "src/config.ts", "src/global.d.ts", "src/auto/run.ts", "src/shim/run.js"]) {
    if (!files.has(needed)) throw new Error(`The platform read from the SST binary has no ${needed}.`);
  }
  return files;
}

/**
 * What `sst install` writes as `.sst/platform/config.d.ts` for an app whose only provider is
 * `aws` (the home provider): the platform's globals, `aws` as a global namespace, `$config`.
 */
const CONFIG_D_TS = `import "./src/global.d.ts"
import "../types.generated"
import { AppInput, App, Config } from "./src/config"
import * as _aws from "@pulumi/aws";


declare global {
  // @ts-expect-error
  export import aws = _aws
  interface Providers {
    providers?: {
      "aws"?:  (_aws.ProviderArgs & { version?: string }) | boolean | string;
    }
  }
  export const $config: (
    input: Omit<Config, "app"> & {
      app(input: AppInput): Omit<App, "providers"> & Providers;
    },
  ) => Config;
}
`;

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/**
 * The platform's dependencies this repository pins (the ones the SST program reaches when it is
 * type-checked or synthesized). After an `sst` upgrade they must follow the new platform's versions.
 */
const PINNED = [
  "@pulumi/pulumi",
  "@pulumi/aws",
  "@pulumi/random",
  "@pulumi/tls",
  "@pulumi/cloudflare",
  "@pulumi/command",
  "@pulumi/docker-build",
  "@pulumiverse/vercel",
  "@aws-sdk/middleware-retry",
  "archiver",
  "glob",
];

function checkPinnedDependencies(platform: PackageJson): void {
  const ours = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as PackageJson).devDependencies ?? {};
  const wrong = PINNED.filter((name) => platform.dependencies?.[name] !== ours[name]).map(
    (name) =>
      `${name}: the platform asks for ${platform.dependencies?.[name] ?? "nothing"}, package.json pins ` +
      `${ours[name] ?? "nothing"}`,
  );
  if (wrong.length > 0) {
    throw new Error(
      `The installed SST platform needs other versions (npm install --save-dev --save-exact …):\n  ` +
        `${wrong.join("\n  ")}`,
    );
  }
}

/** Writes `.sst/platform` unless it already comes from this binary; returns the platform directory. */
export function ensurePlatform(options: { quiet?: boolean } = {}): string {
  const bin = cliBinary();
  const binBytes = readFileSync(bin);
  const stamp = `${createHash("sha256").update(binBytes).digest("hex")}\n`;
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return platformDir;

  const files = embeddedPlatformFiles(binBytes);
  rmSync(platformDir, { recursive: true, force: true });
  for (const [name, data] of files) {
    const file = path.join(platformDir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
  }
  checkPinnedDependencies(JSON.parse(files.get("package.json")!.toString("utf8")) as PackageJson);
  writeFileSync(path.join(platformDir, "config.d.ts"), CONFIG_D_TS);
  // The resource types of links (`sst dev`/`deploy` regenerate it); the app uses none at build time.
  writeFileSync(path.join(root, ".sst", "types.generated.ts"), "export {};\n");
  writeFileSync(stampFile, stamp);
  if (!options.quiet)
    console.log(`SST platform: ${files.size} files from ${path.relative(root, bin)} written to .sst/platform`);
  return platformDir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensurePlatform();
}
