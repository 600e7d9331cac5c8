import { describe, expect, it } from 'vitest'
import { localBus, memberTopic } from './bus'

describe('localBus', () => {
  it('delivers an event only to the listeners of its topic, until they stop listening', () => {
    const bus = localBus()
    const heard: string[] = []
    const stop = bus.subscribe(memberTopic(1), (event) => heard.push(`1:${event.type}`))
    bus.subscribe(memberTopic(2), (event) => heard.push(`2:${event.type}`))

    bus.publish(memberTopic(1), { type: 'order.placed', data: {} })
    stop()
    bus.publish(memberTopic(1), { type: 'order.changed', data: {} })

    expect(heard).toEqual(['1:order.placed'])
  })

  it('keeps telling the other listeners when one of them throws', () => {
    const errors: unknown[] = []
    const bus = localBus((error) => errors.push(error))
    const heard: string[] = []
    bus.subscribe('member:1', () => {
      throw new Error('a broken stream')
    })
    bus.subscribe('member:1', (event) => heard.push(event.type))

    bus.publish('member:1', { type: 'order.placed', data: {} })

    expect(heard).toEqual(['order.placed'])
    expect(errors).toHaveLength(1)
  })
})
