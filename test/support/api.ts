import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { httpEvent, lambdaContext } from "./events";

export type LambdaHttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface GraphqlResponse<D = any> {
  status: number;
  headers: Record<string, unknown>;
  body: { data?: D; errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[] };
}

/** Sends one GraphQL operation through the Lambda handler as API Gateway would. */
export async function graphql<D = any>(
  handler: LambdaHttpHandler,
  query: string,
  options: { variables?: Record<string, unknown>; key?: string | null; headers?: Record<string, string> } = {},
): Promise<GraphqlResponse<D>> {
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  const result = await handler(httpEvent({ body: JSON.stringify({ query, variables: options.variables }), headers }), lambdaContext());
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
