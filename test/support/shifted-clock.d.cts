/** The real clock's now in ms, whatever the shift (shifted-clock.cjs). */
export function realNow(): number;
/** The environment that moves a child Node process's clock as this one's; empty on a run on today's date. */
export function shiftedClockEnv(): Record<string, string>;
