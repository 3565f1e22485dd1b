/**
 * Structured JSON logs, one object per line, always with the request id. Never pass secrets or
 * buyer message bodies here: callers log ids and codes only.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const toStdout = (line: string) => {
  process.stdout.write(`${line}\n`);
};

/** Where a handler's log lines go: stdout, or nowhere when the configuration mutes logs (`output.logs`). */
export function logWriter(enabled: boolean): (line: string) => void {
  return enabled ? toStdout : () => undefined;
}

export function createLogger(base: Record<string, unknown> = {}, write: (line: string) => void = toStdout): Logger {
  const emit = (level: string, message: string, fields?: Record<string, unknown>) => {
    const own = { level, time: new Date().toISOString(), message };
    // The line's own keys come first and are written again last: a field named `level`, `time` or `message` (an
    // item's copied field, say) cannot change a line's severity or forge its message in a log search.
    write(JSON.stringify({ ...own, ...base, ...fields, ...own }));
  };
  return {
    info: (m, f) => emit("INFO", m, f),
    warn: (m, f) => emit("WARN", m, f),
    error: (m, f) => emit("ERROR", m, f),
    child: (fields) => createLogger({ ...base, ...fields }, write),
  };
}

/** An error's name, message and stack for a log line. Only logs get them: a caller gets a masked error. */
export function describeError(error: unknown): Record<string, unknown> {
  return error instanceof Error
    ? { errorName: error.name, errorMessage: error.message, stack: error.stack }
    : { error: String(error) };
}

/** The logger Apollo is given: the lines its server writes itself (a hook that threw, a failed start). */
export interface ApolloLines {
  debug(message?: unknown): void;
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
}

/**
 * Apollo's own lines as the service's structured lines (`source: "apollo"`), where its default logger writes plain
 * text to the console that no log query parses. An Error it passes is described as the service describes one. Its
 * debug lines are dropped, as its default logger drops them.
 */
export function apolloLines(logger: Logger): ApolloLines {
  const line = (level: "info" | "warn" | "error") => (message?: unknown) =>
    message instanceof Error
      ? logger[level]("apollo error", { source: "apollo", ...describeError(message) })
      : logger[level](String(message), { source: "apollo" });
  return { debug: () => undefined, info: line("info"), warn: line("warn"), error: line("error") };
}
