import { describe, expect, it } from 'vitest'
import { nextJobState, type JobEvent, type JobState } from './job-state'

describe('job state', () => {
  const states: JobState[] = ['queued', 'running', 'done', 'dead']
  const expected: Record<JobEvent, Partial<Record<JobState, JobState>>> = {
    claim: { queued: 'running' },
    finish: { running: 'done' },
    retry: { running: 'queued' },
    bury: { running: 'dead' },
  }
  it.each(
    Object.entries(expected).flatMap(([event, moves]) =>
      states.map((state): [JobState, JobEvent, JobState | null] => [
        state,
        event as JobEvent,
        moves[state] ?? null,
      ]),
    ),
  )('%s + %s → %s', (state, event, next) => {
    expect(nextJobState(state, event)).toBe(next)
  })
})
