/** Time as the app sees it; tests pass a fixed or advancing clock instead of Date.now. */
export type Clock = { now: () => Date }

export const systemClock: Clock = { now: () => new Date() }

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/** A clock stopped at one moment: replays something that happened then (the demo town's history). */
export function clockAt(time: number | Date): Clock {
  const moment = new Date(time)
  return { now: () => new Date(moment) }
}
