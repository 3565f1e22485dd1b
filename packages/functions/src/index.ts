export { createGraphqlHandler, MAX_BODY_BYTES } from "./graphql";
export { functionTables } from "./tables";
