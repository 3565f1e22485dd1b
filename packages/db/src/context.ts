import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { TableNames } from "./config";

/** What every repository function needs: the client and the physical table names. */
export interface Db {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  /**
   * A GraphQL request's allowance of Query calls past each list page's first (`queryPage`): a FilterExpression may
   * need several calls for one page, and aliases repeat lists, so the request shares one allowance. Jobs and tools
   * go without: each page keeps its own cap.
   */
  queryBudget?: QueryBudget;
}

/** What is left of a request's allowance of extra Query calls (see `Db.queryBudget`). */
export interface QueryBudget {
  extraCallsLeft: number;
}
