import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { print } from "graphql";
import { httpEvent, lambdaContext } from "./events";

export type LambdaHttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface GraphqlResponse<D = any> {
  status: number;
  headers: Record<string, unknown>;
  body: { data?: D; errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[] };
}

type Options<V> = {
  variables?: V;
  key?: string | null;
  headers?: Record<string, string>;
  /** The invocation's time (its Lambda context's remaining time); `TEST_INVOCATION_MS` unless a test is about it. */
  invocationMs?: number;
};

/**
 * The time an invocation is given here, as the jobs' tests give theirs: ten minutes. The database is DynamoDB Local on
 * a shared machine, many times slower than DynamoDB under a loaded run (50 writers racing on one case take seconds
 * there, half a minute here), so a test fails on what it checks, not on a deadline its rounds could not meet; the tests
 * of the deadline (new work stops `WORK_MARGIN_MS` before it) give the function's own.
 */
export const TEST_INVOCATION_MS = 600_000;

/**
 * Sends one GraphQL operation through the Lambda handler as API Gateway would. Given one of the
 * codegen's typed documents (graphql/generated/), its variables and its answer are typed.
 */
export async function graphql<R, V extends Record<string, unknown>>(
  handler: LambdaHttpHandler,
  query: TypedDocumentNode<R, V>,
  options?: Options<V>,
): Promise<GraphqlResponse<R>>;
export async function graphql<D = any>(
  handler: LambdaHttpHandler,
  query: string,
  options?: Options<Record<string, unknown>>,
): Promise<GraphqlResponse<D>>;
export async function graphql(
  handler: LambdaHttpHandler,
  query: string | TypedDocumentNode<unknown, Record<string, unknown>>,
  options: Options<Record<string, unknown>> = {},
): Promise<GraphqlResponse<unknown>> {
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  const text = typeof query === "string" ? query : print(query);
  const result = await handler(
    httpEvent({ body: JSON.stringify({ query: text, variables: options.variables }), headers }),
    lambdaContext("graphql", { timeoutMs: options.invocationMs ?? TEST_INVOCATION_MS }),
  );
  return parse(result);
}

export function parse<D>(result: APIGatewayProxyStructuredResultV2): GraphqlResponse<D> {
  const text = result.body ?? "";
  let body: GraphqlResponse<D>["body"];
  try {
    body = JSON.parse(text);
  } catch {
    body = { errors: [{ message: text }] };
  }
  return { status: result.statusCode ?? 200, headers: (result.headers ?? {}) as Record<string, unknown>, body };
}
