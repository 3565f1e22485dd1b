import { TABLE_NAMES, type TableNames } from "@seller-ops/db";
import { DEPLOY_REGION } from "../../stacks/stages";
import { secrets } from "../../stacks/wiring";
import { shiftedClockEnv } from "./shifted-clock.cjs";

/**
 * The environment `npx sst shell --stage NAME -- <command>` gives `<command>` in SST 4.17, for
 * this app: the caller's own environment, plus
 * - `SST_RESOURCE_<Name>` for every linkable component of the app (no `--target`): its link
 *   properties plus the `type` that `Link` adds (`.sst/platform/src/components/link.ts`), here the
 *   every table (`{"name","type":"sst.aws.Dynamo"}`) and the secrets (`{"value","type":"sst.sst.Secret"}`);
 * - `SST_RESOURCE_App` as the CLI formats it (`{"name": "%s", "stage": "%s" }`);
 * - the home provider's credentials and its region, the one sst.config.ts pins (`AWS_ACCESS_KEY_ID`,
 *   `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_REGION`) and `SST_STAGE`.
 * Nothing else: no `TABLE_*`, no `DYNAMODB_ENDPOINT`.
 */
export function sstShellEnv(args: {
  stage: string;
  tables: TableNames;
  secretValues: Record<string, string>;
  /** What the caller's shell holds (PATH, HOME …). */
  base: Record<string, string>;
}): Record<string, string> {
  // The tool's clock moves with the run's (TEST_EPOCH on another day: shifted-clock.cjs).
  const env: Record<string, string> = { ...args.base, ...shiftedClockEnv() };
  for (const table of TABLE_NAMES)
    env[`SST_RESOURCE_${table}`] = JSON.stringify({ name: args.tables[table], type: "sst.aws.Dynamo" });
  for (const secret of secrets)
    env[`SST_RESOURCE_${secret.name}`] = JSON.stringify({
      value: args.secretValues[secret.name],
      type: "sst.sst.Secret",
    });
  env.SST_RESOURCE_App = `{"name": "seller-ops", "stage": "${args.stage}" }`;
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: "AKIASHELLTEST",
    AWS_SECRET_ACCESS_KEY: "shell-test-secret",
    AWS_SESSION_TOKEN: "shell-test-session",
    AWS_REGION: DEPLOY_REGION,
    SST_STAGE: args.stage,
  });
  return env;
}
