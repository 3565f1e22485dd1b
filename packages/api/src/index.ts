export { createServer } from "./server";
export { buildContext, createLoaders, type ApiDeps, type Context } from "./context";
export { configFromEnv, type ApiConfig } from "./config";
export { createLogger, type Logger } from "./log";
export { requestScope, type RequestScope } from "./errors";
