import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, type FieldNode } from "graphql";

/**
 * CloudWatch metrics as embedded metric format (EMF) lines on stdout: CloudWatch Logs turns each
 * line into metrics, no API call and no extra latency. Written by the dozen lines below rather
 * than a metrics library, which would add about 10 KB to every function bundle for the same
 * JSON line (the GraphQL bundle's size is a measured target).
 * Everything goes to one namespace, with the `service` dimension naming the function
 * (`graphql`, each job's name, `webhook-dispatch`). docs/metrics.md lists every metric.
 *
 * One self-contained line per emission: the local runtime serves concurrent requests from one
 * process, and a shared buffer would mix their values. The configuration's `output.metrics`
 * (`METRICS_DISABLED=true`, read in packages/api/src/config.ts) mutes them: the handler then
 * builds its writer with `metricsWriter(false)`.
 */

export const METRICS_NAMESPACE = "SellerOps";

/** Where EMF lines go. */
export type MetricsWriter = (line: string) => void;

/** Stdout, or nowhere when metrics are muted. */
export function metricsWriter(enabled: boolean): MetricsWriter {
  return enabled ? (line) => process.stdout.write(`${line}\n`) : () => undefined;
}

/** One EMF line: the given counts (and durations, in milliseconds) under `service` plus `dimensions`. */
export function emitMetrics(
  write: MetricsWriter,
  service: string,
  values: { counts?: Record<string, number>; milliseconds?: Record<string, number> },
  dimensions: Record<string, string> = {},
): void {
  const counts = values.counts ?? {};
  const milliseconds = values.milliseconds ?? {};
  const line = {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [["service", ...Object.keys(dimensions)]],
          Metrics: [
            ...Object.keys(counts).map((Name) => ({ Name, Unit: "Count" })),
            ...Object.keys(milliseconds).map((Name) => ({ Name, Unit: "Milliseconds" })),
          ],
        },
      ],
    },
    service,
    ...dimensions,
    ...counts,
    ...milliseconds,
  };
  write(JSON.stringify(line));
}

/** A job's report as metrics: its counters, plus how long the run took. */
export function emitJobMetrics(
  write: MetricsWriter,
  service: string,
  counts: Record<string, number>,
  durationMs: number,
): void {
  emitMetrics(write, service, { counts, milliseconds: { durationMs } });
}

/**
 * Apollo plugin: per mutation (the schema's field name, never the client's operation name, so the
 * dimension stays a closed set) one EMF line with `mutationCount`, `mutationLatency`,
 * `mutationRefused` (answered with userErrors) and `mutationErrors` (a top-level error on it).
 */
export function mutationMetricsPlugin<C extends object>(
  write: MetricsWriter,
  service = "graphql",
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let fields: FieldNode[] = [];
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== "mutation") return;
          fields = operation.selectionSet.selections.filter(
            (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value !== "__typename",
          );
        },
        async willSendResponse({ response }) {
          if (fields.length === 0) return;
          const latency = performance.now() - started;
          const result = response.body.kind === "single" ? response.body.singleResult : undefined;
          const data = (result?.data ?? {}) as Record<string, { userErrors?: unknown[] } | null | undefined>;
          for (const field of fields) {
            const key = field.alias?.value ?? field.name.value;
            const refused = (data[key]?.userErrors?.length ?? 0) > 0;
            const errored =
              (result?.errors ?? []).some((e) => e.path?.[0] === key) ||
              (result?.errors !== undefined && result.data == null);
            emitMetrics(
              write,
              service,
              {
                counts: { mutationCount: 1, mutationRefused: refused ? 1 : 0, mutationErrors: errored ? 1 : 0 },
                milliseconds: { mutationLatency: latency },
              },
              { mutation: field.name.value },
            );
          }
        },
      };
    },
  };
}

/**
 * Apollo plugin: `internalErrors`, the masked internal errors of a response. GraphQL answers a
 * resolver's internal error with HTTP 200 and a masked message, so API Gateway's 5xx metric
 * never sees it; this count does, and the `GraphqlInternalErrorsAlarm` watches it.
 */
export function internalErrorMetricsPlugin<C extends object>(
  write: MetricsWriter,
  service = "graphql",
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const result = response.body.kind === "single" ? response.body.singleResult : undefined;
          const internal = (result?.errors ?? []).filter((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR").length;
          if (internal > 0) emitMetrics(write, service, { counts: { internalErrors: internal } });
        },
      };
    },
  };
}
