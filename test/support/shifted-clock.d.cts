/** The real clock's now in ms, whatever the shift (shifted-clock.cjs). */
export function realNow(): number;
/** How far the processes' clock is moved, in ms: 0 on a run on today's date. */
export const shiftMs: number;
/** The environment that moves a child Node process's clock as this one's; empty on a run on today's date. */
export function shiftedClockEnv(): Record<string, string>;
