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
  const emit = (level: string, message: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ level, time: new Date().toISOString(), message, ...base, ...fields }));
  return {
    info: (m, f) => emit("INFO", m, f),
    warn: (m, f) => emit("WARN", m, f),
    error: (m, f) => emit("ERROR", m, f),
    child: (fields) => createLogger({ ...base, ...fields }, write),
  };
}

/** An error's name and message for a log line, without the stack's file paths in production. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { errorName: error.name, errorMessage: error.message, stack: error.stack };
  return { errorMessage: String(error) };
}
