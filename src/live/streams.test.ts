import { describe, expect, it } from 'vitest'
import { LiveStreams } from './streams'

describe('LiveStreams', () => {
  it('caps the streams a member holds, and counts a closed one out once', () => {
    const streams = new LiveStreams(2)
    const first = streams.open(1, 'sales')!
    streams.open(1, 'conversation:4')
    expect(streams.open(1, '')).toBeNull()
    expect(streams.open(2, '')).not.toBeNull()
    expect(streams.size).toBe(3)

    first.close()
    first.close()
    expect(streams.size).toBe(2)
    expect(streams.open(1, '')).not.toBeNull()
  })

  it('knows which pages a member is looking at', () => {
    const streams = new LiveStreams()
    const reading = streams.open(1, 'conversation:4')!
    expect(streams.isWatching(1, 'conversation:4')).toBe(true)
    expect(streams.isWatching(1, 'conversation:5')).toBe(false)
    expect(streams.isWatching(2, 'conversation:4')).toBe(false)
    reading.close()
    expect(streams.isWatching(1, 'conversation:4')).toBe(false)
  })
})
