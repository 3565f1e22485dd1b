import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";

/**
 * Reads a table's DynamoDB stream from DynamoDB Local the way Lambda's event source mapping does
 * in AWS (DescribeStream, GetShardIterator, GetRecords per shard, in order) and turns each batch
 * into the `DynamoDBStreamEvent` Lambda would deliver, so `npm start` and the tests call the same
 * dispatcher handler that deploys. A batch the handler throws on is given again, as Lambda retries.
 */

export interface StreamReaderOptions {
  endpoint: string;
  tableName: string;
  /** Where a new reader starts: every record still in the stream, or only what is written from now on. */
  from: "TRIM_HORIZON" | "LATEST";
  region?: string;
}

export interface StreamReader {
  /** The next batch of records (at most `limit`) across the stream's shards; empty when nothing is new. */
  poll(limit?: number): Promise<DynamoDBStreamEvent>;
  /** Marks the last polled batch handled: the next poll continues after it (otherwise it is given again). */
  commit(): void;
  close(): void;
}

type Position = {
  iterator: string | undefined;
  pendingNext: string | undefined;
  done: boolean;
  /** The last record handled (committed): where to start again when an iterator is refused. */
  lastSequence: string | undefined;
  pendingLast: string | undefined;
};

/** Iterators DynamoDB (Local) refuses after a while or past a trim: started again from the last record handled. */
const STALE_ITERATOR = new Set(["TrimmedDataAccessException", "ExpiredIteratorException"]);

export async function openStreamReader(client: DynamoDBClient, options: StreamReaderOptions): Promise<StreamReader> {
  const region = options.region ?? "us-east-1";
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const table = await client.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`The table ${options.tableName} has no stream (its spec needs stream: "new-image").`);

  const positions = new Map<string, Position>();
  // The last polled batch's records, kept until commit (a failed batch is re-polled as the same records).
  let uncommitted: { shardId: string; records: StreamRecord[] }[] = [];
  let replay: DynamoDBRecord[] | null = null;

  async function refreshShards(): Promise<void> {
    const description = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of description.StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId!;
      if (positions.has(shardId)) continue;
      const started = await streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: options.from }),
      );
      positions.set(shardId, {
        iterator: started.ShardIterator,
        pendingNext: undefined,
        done: false,
        lastSequence: undefined,
        pendingLast: undefined,
      });
    }
  }

  const readShard = (iterator: string, limit: number) =>
    streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
  const restart = (shardId: string, after: string | undefined) =>
    streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: "AFTER_SEQUENCE_NUMBER" as const, SequenceNumber: after }
          : { ShardIteratorType: "TRIM_HORIZON" as const }),
      }),
    );

  const toLambda = (record: StreamRecord): DynamoDBRecord =>
    // The SDK's record has the shape Lambda delivers, but for its date (Lambda: epoch seconds) and
    // binaries (Lambda: base64); a JSON round trip converts both as Lambda's serializer does.
    JSON.parse(
      JSON.stringify({ ...record, eventSourceARN: streamArn }, (key, value) => {
        if (key === "ApproximateCreationDateTime" && typeof value === "string") return Date.parse(value) / 1000;
        if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
        return value;
      }),
    ) as DynamoDBRecord;

  const reader: StreamReader = {
    async poll(limit = 100) {
      if (replay) return { Records: replay };
      await refreshShards();
      const batch: DynamoDBRecord[] = [];
      uncommitted = [];
      for (const [shardId, position] of positions) {
        if (position.done || !position.iterator || batch.length >= limit) continue;
        let page: Awaited<ReturnType<typeof readShard>>;
        try {
          page = await readShard(position.iterator, limit - batch.length);
        } catch (error) {
          if (!STALE_ITERATOR.has((error as Error).name)) throw error;
          // DynamoDB Local refuses an iterator taken on an empty shard once records arrive: start
          // again after the last record handled (or from the oldest kept; deliveries are put-if-absent).
          position.iterator = (await restart(shardId, position.lastSequence)).ShardIterator;
          if (!position.iterator) continue;
          page = await readShard(position.iterator, limit - batch.length);
        }
        position.pendingNext = page.NextShardIterator;
        const records = page.Records ?? [];
        position.pendingLast = records.at(-1)?.dynamodb?.SequenceNumber ?? position.lastSequence;
        uncommitted.push({ shardId, records });
        batch.push(...records.map(toLambda));
      }
      replay = batch.length > 0 ? batch : null;
      if (batch.length === 0) reader.commit();
      return { Records: batch };
    },
    commit() {
      // Every shard read in the last poll moves on, with or without records.
      for (const { shardId } of uncommitted) {
        const position = positions.get(shardId)!;
        position.iterator = position.pendingNext;
        position.lastSequence = position.pendingLast;
        // A closed shard (no next iterator) is finished; its child shards come from DescribeStream.
        if (!position.iterator) position.done = true;
      }
      uncommitted = [];
      replay = null;
    },
    close() {
      streams.destroy();
    },
  };
  return reader;
}
