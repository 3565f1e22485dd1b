import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { LAMBDA_NODE_MAJOR, LAMBDA_RUNTIME } from "../../stacks/lambda-runtimes";

/** The deployed functions' runtime (stacks/lambda-runtimes.ts): the bench measures on its Node major. */
export { LAMBDA_NODE_MAJOR, LAMBDA_RUNTIME };

const major = Number(process.versions.node.split(".")[0]);

/**
 * On another Node, runs the bench again on the runtime's Node (24) fetched from the npm registry's `node`
 * package (as `.ci/run` runs the tests), with the same arguments and environment, and returns its
 * exit code; null when this process already runs on the Lambda runtime's major (or
 * BENCH_ANY_NODE=1 asks to stay, e.g. without registry access: the run then records its version).
 */
export function onLambdaNode(script: string): number | null {
  if (major === LAMBDA_NODE_MAJOR || process.env.BENCH_ANY_NODE === "1") return null;
  const tsx = fileURLToPath(new URL("../../node_modules/tsx/dist/cli.mjs", import.meta.url));
  process.stdout.write(
    `Node ${process.version} here: running the bench on Node ${LAMBDA_NODE_MAJOR} (npx node@${LAMBDA_NODE_MAJOR})\n`,
  );
  const child = spawnSync("npx", ["-y", `node@${LAMBDA_NODE_MAJOR}`, tsx, script, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: process.env,
  });
  if (child.error) throw child.error;
  return child.status ?? 1;
}
