/**
 * Runs the real SST program (`sst.config.ts` with the installed SST's own components) for one
 * stage under Pulumi's mocks, offline, and writes every resource the components register:
 *
 *   npx tsx tools/sst-synth.ts STAGE OUT.json
 *
 * What `sst deploy` does first, rebuilt here without its Go CLI: bundle `sst.config.ts` the way
 * the CLI does (its `$app`/`$cli` defines, `src/shim/run.js` injected, the `aws` and `sst` globals
 * imported into every file), then run it inside Pulumi's root stack. The components also call the
 * CLI's local server (`SST_SERVER`) twice: `Provider.Aws.Bootstrap` (the bootstrap bucket) and
 * `Runtime.Build`, answered here by bundling each function as SST's build does, with its `nodejs`
 * options (`deployedBuildOptions`), into `.sst/artifacts/<stage>/<function>-src/` (the CLI's own
 * layout, one directory per stage so that stages can be synthesized side by side).
 *
 * One stage per process: Pulumi's mocks and SST's registries are process-wide.
 * `test/infra/synth.test.ts` runs this; `test/infra/deployed.test.ts` starts the bundles it wrote.
 */

import { createCipheriv } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { DEPLOY_REGION } from "../stacks/stages";
import type { FunctionDef, Runtime } from "../stacks/wiring";
import { assertMirrored, deployedBuildOptions, handlerEntry, type NodejsBuildProperties } from "./deployed-bundle";
import { ensurePlatform } from "./sst-platform";

const root = fileURLToPath(new URL("../", import.meta.url));
const APP = "seller-ops";
export const SYNTH_ACCOUNT = "123456789012";
/** The region sst.config.ts pins for every stage (`providers.aws.region`; test/infra/sst-config.test.ts). */
export const SYNTH_REGION = DEPLOY_REGION;
/** The value `sst secret set` would have given each secret on the synthesized stages. */
export const SYNTH_SECRET_VALUE = "synth-secret-value";

/** Bundles sst.config.ts for one stage as the CLI's eval step does; returns the bundle's path. */
async function buildProgram(stage: string, platform: string, settings: unknown): Promise<string> {
  const outfile = path.join(root, ".sst", "synth", `program-${stage}.mjs`);
  const app = {
    name: APP,
    stage,
    removal: stage === "production" ? "retain" : "remove",
    protect: stage === "production",
    home: "aws",
    providers: { aws: { region: DEPLOY_REGION } },
    version: "",
    watch: {},
    state: null,
    types: { ignore: null },
    backend: "",
  };
  const cli = {
    command: "deploy",
    dev: false,
    paths: { home: path.join(root, ".sst", "home"), root, work: path.join(root, ".sst"), platform },
    state: { version: {} },
  };
  const globals = `import * as aws from "@pulumi/aws";\nimport * as sst from "${platform}/src/components";\n`;
  await esbuild.build({
    banner: {
      js: [
        "import { createRequire as topLevelCreateRequire } from 'module';",
        "const require = topLevelCreateRequire(import.meta.url);",
        'import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"',
        "const __filename = topLevelFileUrlToPath(import.meta.url)",
        'const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))',
      ].join("\n"),
    },
    mainFields: ["module", "main"],
    format: "esm",
    platform: "node",
    stdin: {
      contents: [
        `import { run } from "${platform}/src/auto/run.ts";`,
        `import mod from "${root}sst.config.ts";`,
        `import * as pulumi from "@pulumi/pulumi";`,
        // The CLI hands the program to Pulumi's automation API; here it runs in the mocked root stack.
        `export default () => pulumi.runtime.runInPulumiStack(() => run(mod.run));`,
      ].join("\n"),
      resolveDir: root,
      sourcefile: "eval.ts",
      loader: "ts",
    },
    plugins: [
      {
        name: "inject-globals",
        setup(build) {
          build.onLoad({ filter: /\.(js|ts|jsx|tsx)$/ }, (args) => {
            if (args.path.startsWith(path.join(root, ".sst")) || args.path.includes("node_modules")) return undefined;
            let contents = `${globals}${readFileSync(args.path, "utf8")}`;
            // A stage synthesized as if stacks/stages.ts had an entry for it (see `synthesize`).
            if (settings && args.path === path.join(root, "stacks", "stages.ts"))
              contents +=
                `\nObject.assign(stageSettings, { ` +
                `${JSON.stringify(stage)}: ${JSON.stringify(settings)} ` +
                `});\n`;
            return { contents, loader: "default" };
          });
        },
      },
    ],
    external: [
      "@pulumi/*",
      "undici",
      "@pulumiverse/*",
      "@sst-provider/*",
      "@aws-sdk/*",
      "esbuild",
      "archiver",
      "glob",
      "vite",
    ],
    define: { $app: JSON.stringify(app), $cli: JSON.stringify(cli), $dev: "false" },
    inject: [`${platform}/src/shim/run.js`],
    outfile,
    write: true,
    bundle: true,
    logLevel: "error",
  });
  return outfile;
}

/** One `Runtime.Build` call: a function bundle and what the CLI encrypts into its `resource.enc`. */
export interface SynthBuild {
  functionID: string;
  handler: string;
  /** The bundle's directory (relative to the repository root). */
  out: string;
  /** The function's links as `Resource` sees them: component name → link properties. */
  links: Record<string, Record<string, unknown>>;
  /** The `nodejs` options the component passed to the build (what the bundle was built with). */
  properties: NodejsBuildProperties;
}

/** `resource.enc` as the SST CLI writes it and the `sst` SDK reads it: AES-256-GCM, zero nonce, tag appended. */
export function encryptLinks(links: unknown, keyBase64: string): Buffer {
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(keyBase64, "base64"), Buffer.alloc(12, 0));
  const body = Buffer.concat([cipher.update(JSON.stringify(links)), cipher.final()]);
  return Buffer.concat([body, cipher.getAuthTag()]);
}

const builds: SynthBuild[] = [];

export interface SynthResource {
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, unknown>;
}

/** Calls to the CLI's local server still being answered (a function bundle takes a while). */
let inFlight = 0;

/** The CLI's local server, for the two calls the components make during a deploy. */
function startCliServer(stageName: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    inFlight++;
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const reply = (result: unknown, error?: string) => {
        inFlight--;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ result, error }));
      };
      void (async () => {
        const { method, params } = JSON.parse(body) as {
          method: string;
          params: [Record<string, string> & { links?: SynthBuild["links"]; properties?: Record<string, unknown> }];
        };
        const arg = params[0];
        if (method === "Provider.Aws.Bootstrap") {
          return reply({
            asset: "sst-asset-synth",
            assetEcrRegistryId: SYNTH_ACCOUNT,
            assetEcrUrl: `${SYNTH_ACCOUNT}.dkr.ecr.${SYNTH_REGION}.amazonaws.com/sst-asset`,
            state: "sst-state-synth",
            appsyncHttp: "",
            appsyncRealtime: "",
          });
        }
        if (method === "Runtime.Build") {
          const handler = arg.handler!;
          const dot = handler.lastIndexOf(".");
          const out = path.join(root, ".sst", "artifacts", stageName, `${arg.functionID}-src`);
          mkdirSync(out, { recursive: true });
          const entry = path.join(root, handlerEntry(handler as FunctionDef["handler"]));
          const properties = assertMirrored(arg.properties ?? {});
          const built = await esbuild.build({
            ...deployedBuildOptions(root, entry, arg.runtime as Runtime, properties),
            outfile: path.join(out, "bundle.mjs"),
          });
          // The function's links, encrypted with its SST_KEY, as the CLI writes them next to the bundle.
          const links = arg.links ?? {};
          writeFileSync(path.join(out, "resource.enc"), encryptLinks(links, arg.encryptionKey!));
          builds.push({ functionID: arg.functionID!, handler, out: path.relative(root, out), links, properties });
          return reply({
            handler: `bundle${handler.slice(dot)}`,
            out,
            errors: built.errors.map((e) => e.text),
            // As SST's build: the maps it wrote, which the component leaves out of the package and uploads
            // to the bootstrap bucket (one `…Sourcemap<n>` object each).
            sourcemaps: Object.keys(built.metafile.outputs)
              .filter((file) => file.endsWith(".map"))
              .map((file) => path.resolve(root, file)),
          });
        }
        return reply(undefined, `rpc: can't find method ${method}`);
      })().catch((e: unknown) => reply(undefined, String(e)));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/**
 * Runs the program for `stage` under Pulumi's mocks; every registered resource, in order.
 * `settings`: synthesize the stage as if `stacks/stages.ts` had this entry for it (to see the
 * resources of settings no committed stage has yet, e.g. a frontend identity provider).
 */
export async function synthesize(
  stage: string,
  settings?: unknown,
): Promise<{ resources: SynthResource[]; builds: SynthBuild[]; outputs: unknown; errors: string[] }> {
  const platform = ensurePlatform({ quiet: true });
  const program = await buildProgram(stage, platform, settings);
  const errors: string[] = [];
  process.on("unhandledRejection", (e) => errors.push(String((e as Error)?.stack ?? e)));
  process.on("uncaughtException", (e) => errors.push(String(e?.stack ?? e)));

  const server = await startCliServer(stage);
  const address = server.address() as { port: number };
  process.env.SST_SERVER = `http://127.0.0.1:${address.port}`;
  process.env.SST_AWS_REGION = SYNTH_REGION;
  const { secrets } = await import("../stacks/wiring");
  for (const s of secrets) process.env[`SST_SECRET_${s.name}`] = SYNTH_SECRET_VALUE;

  const pulumi = await import("@pulumi/pulumi");
  const resources: SynthResource[] = [];
  const arn = (service: string, resource: string) => `arn:aws:${service}:${SYNTH_REGION}:${SYNTH_ACCOUNT}:${resource}`;
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const { type, name, inputs } = args;
        resources.push({ type, name, custom: args.custom ?? true, inputs });
        // Physical names as AWS would answer them, derived from the logical name (no randomness).
        const physical = (inputs.name as string | undefined) ?? `${APP}-${stage}-${name}`;
        const outputs: Record<string, unknown> =
          ({
            "random:index/randomBytes:RandomBytes": {
              base64: Buffer.alloc(32, 7).toString("base64"),
              hex: "07".repeat(32),
            },
            "aws:dynamodb/table:Table": {
              name: physical,
              arn: arn("dynamodb", `table/${physical}`),
              // A table with a stream has its ARN (a subscription's event source and IAM resource).
              streamArn: inputs.streamEnabled
                ? arn("dynamodb", `table/${physical}/stream/2026-01-01T00:00:00.000`)
                : "",
            },
            "aws:lambda/function:Function": {
              name: physical,
              arn: arn("lambda", `function:${physical}`),
              invokeArn:
                `arn:aws:apigateway:${SYNTH_REGION}:lambda:path/2015-03-31/functions/` +
                `${arn("lambda", `function:${physical}`)}/invocations`,
              qualifiedArn: arn("lambda", `function:${physical}:$LATEST`),
              version: "$LATEST",
            },
            "aws:sqs/queue:Queue": {
              name: physical,
              arn: arn("sqs", physical),
              url: `https://sqs.${SYNTH_REGION}.amazonaws.com/${SYNTH_ACCOUNT}/${physical}`,
            },
            "aws:sns/topic:Topic": { name: physical, arn: arn("sns", physical) },
            "aws:iam/role:Role": { name: physical, arn: `arn:aws:iam::${SYNTH_ACCOUNT}:role/${physical}` },
            "aws:apigatewayv2/api:Api": {
              apiEndpoint: `https://api-synth.execute-api.${SYNTH_REGION}.amazonaws.com`,
              executionArn: `arn:aws:execute-api:${SYNTH_REGION}:${SYNTH_ACCOUNT}:api-synth`,
            },
            "aws:cloudwatch/logGroup:LogGroup": { name: physical, arn: arn("logs", `log-group:${physical}`) },
          }[type] as Record<string, unknown> | undefined) ?? {};
        return { id: `${name}-id`, state: { ...inputs, ...outputs } };
      },
      call(args) {
        const token = args.token;
        if (token === "aws:index/getRegion:getRegion")
          return { name: SYNTH_REGION, region: SYNTH_REGION, id: SYNTH_REGION, description: "US East (N. Virginia)" };
        if (token === "aws:index/getPartition:getPartition")
          return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
        if (token === "aws:index/getCallerIdentity:getCallerIdentity")
          return {
            accountId: SYNTH_ACCOUNT,
            arn: `arn:aws:iam::${SYNTH_ACCOUNT}:user/synth`,
            userId: "SYNTH",
            id: SYNTH_ACCOUNT,
          };
        if (token === "aws:iam/getPolicyDocument:getPolicyDocument") {
          return {
            ...args.inputs,
            json: JSON.stringify({
              Version: "2012-10-17",
              Statement: (args.inputs.statements as unknown[] | undefined) ?? [],
            }),
          };
        }
        return { ...args.inputs };
      },
    },
    APP,
    stage,
    false,
  );

  const mod = (await import(pathToFileURL(program).href)) as { default: () => Promise<unknown> };
  let outputs: unknown;
  try {
    outputs = await mod.default();
  } catch (e) {
    errors.push(String((e as Error)?.stack ?? e));
  }
  // Components register some resources inside `apply` callbacks: wait until nothing new comes.
  for (let last = -1, stable = 0; stable < 8; ) {
    await new Promise((r) => setTimeout(r, 250));
    if (resources.length === last && inFlight === 0) stable++;
    else {
      stable = 0;
      last = resources.length;
    }
  }
  server.close();
  return { resources, builds, outputs, errors };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [stage, outFile, settingsJson] = process.argv.slice(2);
  if (!stage || !outFile) throw new Error("Usage: npx tsx tools/sst-synth.ts STAGE OUT.json [STAGE_SETTINGS_JSON]");
  const result = await synthesize(stage, settingsJson ? (JSON.parse(settingsJson) as unknown) : undefined);
  writeFileSync(
    outFile,
    JSON.stringify(result, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v), 2),
  );
  process.exit(0);
}
