/**
 * A job's life: queued → running → done, or back to queued for a retry (its handler threw, or
 * the process running it died and its lease lapsed), or dead once its attempts are used up.
 * Done and dead are for good; the queries in queue.ts guard every change with `from`.
 */
export type JobState = 'queued' | 'running' | 'done' | 'dead'
export type JobEvent = 'claim' | 'finish' | 'retry' | 'bury'

const NEXT: Record<JobEvent, { from: JobState; to: JobState }> = {
  claim: { from: 'queued', to: 'running' },
  finish: { from: 'running', to: 'done' },
  retry: { from: 'running', to: 'queued' },
  bury: { from: 'running', to: 'dead' },
}

/** The state after `event`, or null when the event cannot happen in `state`. */
export function nextJobState(state: JobState, event: JobEvent): JobState | null {
  const rule = NEXT[event]
  return rule.from === state ? rule.to : null
}

/** The state an event applies to, for the guarded UPDATEs. */
export function jobStateBefore(event: JobEvent): JobState {
  return NEXT[event].from
}
