/**
 * Before a deploy: is the functions' Lambda runtime close to AWS's deprecation of it, today?
 *
 *   npm run runtime:check
 *
 * Prints the notice of `runtimeNotice` (stacks/lambda-runtimes.ts): exit 0 when the runtime is current or within
 * `NOTICE_DAYS` of its deprecation (a warning), 1 once AWS blocks updates of its functions (every `sst deploy` would
 * fail). The tests never compare with the calendar; this is where the calendar is read. `.ci/run` prints it without
 * failing on it, and `sst.config.ts` prints the warning at every deploy.
 */

import { LAMBDA_RUNTIME, runtimeNotice } from "../stacks/lambda-runtimes";

const notice = runtimeNotice(LAMBDA_RUNTIME, new Date());
const line = `runtime:check ${notice.level === "ok" ? "ok" : notice.level.toUpperCase()}: ${notice.message}\n`;
(notice.level === "ok" ? process.stdout : process.stderr).write(line);
process.exitCode = notice.level === "error" ? 1 : 0;
