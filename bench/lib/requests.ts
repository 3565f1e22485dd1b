import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  ScanCommand,
  TransactGetCommand,
  type DynamoDBDocumentClient,
} from "@aws-sdk/lib-dynamodb";

/** One DynamoDB request as the handler issued it: the SDK command name and its (document) input. */
export interface CapturedRequest {
  name: string;
  input: Record<string, unknown>;
  /**
   * Requests that were in flight together (started before any of them finished) share a group:
   * a DataLoader batch or a `Promise.all`. Groups run one after the other.
   */
  group: number;
}

export interface RequestLog {
  readonly requests: readonly CapturedRequest[];
  count(name?: string): number;
  reset(): void;
}

/**
 * Counts and records every request a document client sends. The middleware sits at the
 * `initialize` step: once per `send`, before marshalling, with the low-level command name
 * (`GetItemCommand`, `QueryCommand`, …) and the input exactly as the repository code built it.
 */
export function instrument(doc: DynamoDBDocumentClient): RequestLog {
  const requests: CapturedRequest[] = [];
  let group = 0;
  let inFlight = 0;
  let groupClosed = true;
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      if (groupClosed || inFlight === 0) {
        group++;
        groupClosed = false;
      }
      inFlight++;
      requests.push({
        name: String(context.commandName ?? "unknown"),
        input: structuredClone(args.input as Record<string, unknown>),
        group,
      });
      try {
        return await next(args);
      } finally {
        inFlight--;
        groupClosed = true;
      }
    },
    { step: "initialize", name: "benchRequestLog" },
  );
  return {
    requests,
    count: (name) => (name ? requests.filter((r) => r.name === name).length : requests.length),
    reset: () => {
      requests.length = 0;
      group = 0;
      inFlight = 0;
      groupClosed = true;
    },
  };
}

/** The read commands a GraphQL query may issue, by their low-level names, as document-client commands. */
const READ_COMMANDS: Record<string, (input: any) => any> = {
  GetItemCommand: (input) => new GetCommand(input),
  QueryCommand: (input) => new QueryCommand(input),
  BatchGetItemCommand: (input) => new BatchGetCommand(input),
  TransactGetItemsCommand: (input) => new TransactGetCommand(input),
  ScanCommand: (input) => new ScanCommand(input),
};

/** Groups of requests, in order, ready to be replayed. Refuses writes: the replay must change nothing. */
export function replayPlan(requests: readonly CapturedRequest[]): CapturedRequest[][] {
  const groups = new Map<number, CapturedRequest[]>();
  for (const request of requests) {
    if (!READ_COMMANDS[request.name]) throw new Error(`Cannot replay ${request.name}: only reads are replayed.`);
    groups.set(request.group, [...(groups.get(request.group) ?? []), request]);
  }
  return [...groups.values()];
}

/**
 * The same DynamoDB requests issued directly with the SDK: each group's requests in parallel,
 * the groups in sequence, results unmarshalled by the document client as the handler's are.
 */
export async function replay(doc: DynamoDBDocumentClient, plan: readonly CapturedRequest[][]): Promise<void> {
  for (const group of plan) {
    await Promise.all(group.map((request) => doc.send(READ_COMMANDS[request.name]!(request.input))));
  }
}

/** Requests by command name, e.g. `GetItem 1, Query 1, BatchGetItem 1`. */
export function describeRequests(requests: readonly CapturedRequest[]): string {
  const counts = new Map<string, number>();
  for (const r of requests)
    counts.set(r.name.replace(/Command$/, ""), (counts.get(r.name.replace(/Command$/, "")) ?? 0) + 1);
  return [...counts].map(([name, n]) => `${name} ${n}`).join(", ");
}

/**
 * Which table (and index) each request read, for the analysis of an extra request: `→` between
 * requests that waited for the previous ones, `‖` between requests in flight together.
 */
export function describeTargets(requests: readonly CapturedRequest[], tableNames: Record<string, string>): string {
  const logical = new Map(Object.entries(tableNames).map(([k, v]) => [v, k]));
  return requests
    .map((r, i) => {
      const sep = i === 0 ? "" : requests[i - 1]!.group === r.group ? " ‖ " : " → ";
      return sep + describeOne(r, logical);
    })
    .join("");
}

function describeOne(r: CapturedRequest, logical: Map<string, string>): string {
  const input = r.input as {
    TableName?: string;
    IndexName?: string;
    RequestItems?: Record<string, { Keys?: unknown[] }>;
  };
  const name = r.name.replace(/(Item)?Command$/, "").replace(/Items$/, "");
  if (input.TableName)
    return `${name} ${logical.get(input.TableName) ?? input.TableName}${input.IndexName ? `.${input.IndexName}` : ""}`;
  if (input.RequestItems) {
    return `${name} ${Object.entries(input.RequestItems)
      .map(([t, v]) => `${logical.get(t) ?? t}×${v.Keys?.length ?? "?"}`)
      .join("+")}`;
  }
  return name;
}
