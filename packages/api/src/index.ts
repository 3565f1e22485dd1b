export { createServer } from "./server";
export { buildContext, createLoaders, workUntil, type ApiDeps, type Context } from "./context";
export { configFromEnv, DEFAULT_JWT_SELLER_CLAIM, linksFrom, loadConfig, type ApiConfig, type Links } from "./config";
export { createLogger, logWriter, type Logger } from "./log";
export { maskInternalError, type RequestScope } from "./errors";
export {
  resealedSecretAnswer,
  SEALED_ANSWER_MUTATIONS,
  type ResealedAnswer,
} from "./webhooks/mutations";
