import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { randomUUID } from "node:crypto";
import { createDocumentClient, ensureTables, localTableNames, type Db } from "@seller-ops/db";

/**
 * A fresh set of tables on the run's DynamoDB Local, for tests that must see the whole table
 * (the late-order job reads every due order; sharing tables with other suites would let it
 * flag their orders).
 */
export async function isolatedTables(prefix = "iso"): Promise<Db> {
  const tables = localTableNames(`${prefix}-${randomUUID().slice(0, 8)}`);
  const client = new DynamoDBClient({
    endpoint: process.env.DYNAMODB_ENDPOINT,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await ensureTables(client, tables);
  client.destroy();
  return { doc: createDocumentClient(), tables };
}

export interface RequestLog {
  commands: string[];
  count(name?: string): number;
  reset(): void;
}

/**
 * Counts every DynamoDB request a client sends (one entry per command, by name), and can fail
 * writes after a number of them to simulate a process killed mid-run.
 */
export function instrumented(db: Db, options: { failWritesAfter?: number } = {}): { db: Db; log: RequestLog } {
  const doc = createDocumentClient();
  const commands: string[] = [];
  let writes = 0;
  const writeCommands = new Set([
    "PutItemCommand",
    "UpdateItemCommand",
    "DeleteItemCommand",
    "TransactWriteItemsCommand",
    "BatchWriteItemCommand",
  ]);
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? "unknown");
      commands.push(name);
      if (writeCommands.has(name)) {
        writes++;
        if (options.failWritesAfter !== undefined && writes > options.failWritesAfter) {
          throw Object.assign(new Error("injected crash: the process died here"), { name: "InjectedCrash" });
        }
      }
      return next(args);
    },
    { step: "initialize", name: "requestCounter" },
  );
  return {
    db: { doc: doc as DynamoDBDocumentClient, tables: db.tables },
    log: {
      commands,
      count: (name?: string) => (name ? commands.filter((c) => c === name).length : commands.length),
      reset: () => {
        commands.length = 0;
      },
    },
  };
}

/**
 * The tables through a client whose first `requests` sends of `command` wait for one another and then go out
 * together (or after `giveUpMs`, should fewer come): concurrent requests that all decide before any of them
 * writes, the worst interleaving of a read-then-write, every time rather than by chance.
 */
export function meetingAt(db: Db, options: { command: string; requests: number; giveUpMs?: number }): Db {
  const doc = createDocumentClient();
  let waiting = 0;
  let release: () => void = () => {};
  const met = new Promise<void>((resolve) => {
    release = resolve;
    setTimeout(resolve, options.giveUpMs ?? 5_000).unref();
  });
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === options.command && waiting < options.requests) {
        if (++waiting === options.requests) release();
        await met;
      }
      return next(args);
    },
    { step: "initialize", name: "writesMeet" },
  );
  return { doc: doc as DynamoDBDocumentClient, tables: db.tables };
}
