import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { TableNames } from "./config";

/** What every repository function needs: the client and the physical table names. */
export interface Db {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
}
