import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { graphqlEvent, lambdaContext } from "./events";

export type LambdaHttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface GraphqlBody {
  data?: any;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Sends one operation through a Lambda handler as API Gateway would, and parses the answer. */
export async function call(
  handler: LambdaHttpHandler,
  query: string,
  key: string,
  variables?: Record<string, unknown>,
): Promise<{ status: number; body: GraphqlBody }> {
  const result = await handler(graphqlEvent(query, key, variables), lambdaContext());
  let body: GraphqlBody;
  try {
    body = JSON.parse(result.body ?? "");
  } catch {
    body = { errors: [{ message: String(result.body) }] };
  }
  return { status: result.statusCode ?? 200, body };
}

/** Runs an operation that must succeed; throws with the server's errors otherwise. */
export async function must(
  handler: LambdaHttpHandler,
  query: string,
  key: string,
  variables?: Record<string, unknown>,
): Promise<any> {
  const { status, body } = await call(handler, query, key, variables);
  if (body.errors?.length || !body.data) throw new Error(`GraphQL ${status}: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

/** Runs a mutation that must succeed (no errors, no userErrors); returns its payload. */
export async function mutate(
  handler: LambdaHttpHandler,
  key: string,
  name: string,
  inputType: string,
  input: Record<string, unknown>,
  selection: string,
): Promise<any> {
  const data = await must(
    handler,
    `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} userErrors { field code message } } }`,
    key,
    { input },
  );
  const payload = data[name];
  if (payload.userErrors?.length) throw new Error(`${name} refused: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

/** What the deployed schema offers today (other work adds fields): read by introspection. */
export interface SchemaFeatures {
  /** The selection for `Case.risk` (`risk { score level }`), or null when the schema has no such field yet. */
  caseRisk: string | null;
  orderRisk: string | null;
  depositEligibility: boolean;
  recordDeposit: boolean;
}

const FIELDS = "fields { name type { name kind ofType { name kind ofType { name kind } } } }";

type IntrospectedType = {
  fields?: {
    name: string;
    type: { name: string | null; ofType?: { name: string | null; ofType?: { name: string | null } } };
  }[];
} | null;

export async function detectFeatures(handler: LambdaHttpHandler, key: string): Promise<SchemaFeatures> {
  const data = await must(
    handler,
    `{ case: __type(name: "Case") { ${FIELDS} } order: __type(name: "Order") { ${FIELDS} } query: __type(name: ` +
      `"Query") { ${FIELDS} } mutation: __type(name: "Mutation") { ${FIELDS} } }`,
    key,
  );
  const names = (t: IntrospectedType) => new Set((t?.fields ?? []).map((f) => f.name));
  /** `risk { score level }` restricted to the sub-fields the risk type really has. */
  const riskSelection = async (t: IntrospectedType): Promise<string | null> => {
    const field = t?.fields?.find((f) => f.name === "risk");
    if (!field) return null;
    const typeName = field.type.name ?? field.type.ofType?.name ?? field.type.ofType?.ofType?.name;
    const risk = await must(handler, `query($n: String!) { t: __type(name: $n) { ${FIELDS} } }`, key, { n: typeName });
    const wanted = ["score", "level"].filter((f) => names(risk.t).has(f));
    return wanted.length > 0 ? ` risk { ${wanted.join(" ")} }` : null;
  };
  const query = names(data.query);
  return {
    caseRisk: await riskSelection(data.case),
    orderRisk: await riskSelection(data.order),
    depositEligibility: query.has("depositRefundEligibility"),
    recordDeposit: names(data.mutation).has("recordDeposit"),
  };
}

/** One dashboard operation, parameterised by its page size so per-item reads show up as a difference. */
export interface Operation {
  id: string;
  label: string;
  key: string;
  query: (n: number) => string;
  variables?: Record<string, unknown>;
  /** How many list items the answer holds (to check the page is full). */
  items: (data: any) => number;
}
