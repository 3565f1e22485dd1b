import { describe, expect, it } from "vitest";
import { createLogger, createServer } from "@seller-ops/api";

/**
 * Every log line is one JSON object a log query can read (design/quality.md): the service's own lines, and the lines
 * Apollo's server writes itself (a plugin hook that threw, a failed start), which its default logger wrote to the
 * console as plain text.
 */

function collecting() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ service: "graphql" }, (line) => lines.push(line)) };
}

describe("log lines", () => {
  it("Apollo's own lines are the service's structured lines, an error with its name and message", () => {
    const { lines, logger } = collecting();
    const server = createServer({ production: true, logger });
    server.logger.error("contextCreationDidFail hook threw: boom");
    server.logger.warn(new TypeError("bad state"));
    server.logger.debug("noise");
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: "ERROR",
        message: "contextCreationDidFail hook threw: boom",
        source: "apollo",
        service: "graphql",
      }),
      expect.objectContaining({ level: "WARN", errorName: "TypeError", errorMessage: "bad state", source: "apollo" }),
    ]);
  });

  it("a field named level, time or message cannot change the line's own", () => {
    const { lines, logger } = collecting();
    logger.child({ level: "DEBUG" }).error("write failed", { message: "all good", time: "1970-01-01T00:00:00Z" });
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ level: "ERROR", message: "write failed", service: "graphql" });
    expect(line.time).not.toBe("1970-01-01T00:00:00Z");
    expect(Object.keys(line).slice(0, 3)).toEqual(["level", "time", "message"]);
  });
});
