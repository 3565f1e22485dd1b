/**
 * `sst.config.ts`'s `app()`, as the SST CLI evaluates it before anything else: the app's name, removal and
 * protection, and the AWS region every stage deploys to. The region is pinned there (`providers.aws.region`):
 * without it SST takes the deploying shell's region (`AWS_REGION`, the profile's), and a deploy or `sst shell` from a
 * shell with another default would address a separate, empty copy of the stage.
 */

import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { PRICES } from "../../bench/lib/cost";
import { DEPLOY_REGION, stageSettings } from "../../stacks/stages";

const root = fileURLToPath(new URL("../../", import.meta.url));

interface AppConfig {
  name: string;
  removal?: string;
  protect?: boolean;
  home: string;
  providers?: { aws?: { region?: string } };
}
let app: (input: { stage: string }) => AppConfig | Promise<AppConfig>;

beforeAll(async () => {
  // The CLI's `$config` global returns its argument; nothing else of SST runs in `app()`.
  (globalThis as { $config?: unknown }).$config = (config: unknown) => config;
  // By URL, so that tsc does not pull the SST platform's sources into this project (tsconfig.sst.json checks them).
  const mod = (await import(pathToFileURL(`${root}sst.config.ts`).href)) as { default: { app: typeof app } };
  app = mod.default.app;
});

/** The region the bench's cost model prices (bench/README.md, Money). */
const PINNED = "us-east-1";
const stages = [...new Set(["production", "staging", "alice", ...Object.keys(stageSettings)])];

describe("sst.config.ts app()", () => {
  it.each(stages)("%s: deploys to the pinned region, whatever the deploying shell's", async (stage) => {
    const saved = { AWS_REGION: process.env.AWS_REGION, AWS_PROFILE: process.env.AWS_PROFILE };
    process.env.AWS_REGION = "ap-southeast-2";
    process.env.AWS_PROFILE = "someone-else";
    try {
      const config = await app({ stage });
      expect(config.home).toBe("aws");
      expect(config.providers?.aws?.region).toBe(PINNED);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it("the region is the one the bench's cost model prices (bench/lib/cost.ts, bench/README.md)", () => {
    expect(PRICES.region).toBe(PINNED);
    // What the tools and the offline synthesis use (they cannot import sst.config.ts's app()).
    expect(DEPLOY_REGION).toBe(PINNED);
  });

  it("only production retains and protects its resources", async () => {
    expect(await app({ stage: "production" })).toMatchObject({ removal: "retain", protect: true });
    expect(await app({ stage: "staging" })).toMatchObject({ removal: "remove", protect: false });
  });

  // SST refuses a config with top-level imports ("Your sst.config.ts has top level imports - this is not allowed"),
  // so the region is a literal in app(), kept equal to DEPLOY_REGION by the test above.
  it("has no top-level import (SST refuses them); the stacks are imported inside run()", () => {
    const source = readFileSync(`${root}sst.config.ts`, "utf8");
    expect(source).not.toMatch(/^\s*import\s/m);
  });
});
