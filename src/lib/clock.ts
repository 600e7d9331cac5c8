/** Time as the app sees it; tests pass a fixed or advancing clock instead of Date.now. */
export type Clock = { now: () => Date }

export const systemClock: Clock = { now: () => new Date() }

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
