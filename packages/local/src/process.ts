/**
 * Whether the process with this id still runs: signal 0 checks without sending anything, and EPERM
 * means it runs under another user. `npm start` and `npm run job` both read a runtime file whose
 * process may have gone.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A problem the person running the command can fix (a bad option, a port in use): its message alone is shown. */
export class UsageError extends Error {}
