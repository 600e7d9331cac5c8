import { describe, expect, it } from 'vitest'
import { Semaphore } from './semaphore'

/** A task the test finishes by hand, to look at the semaphore while it runs. */
function deferred() {
  let finish!: () => void
  const done = new Promise<void>((resolve) => (finish = resolve))
  return { done, finish }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('Semaphore', () => {
  it('runs at most `permits` tasks at once, the rest in arrival order', async () => {
    const semaphore = new Semaphore(2)
    const tasks = [deferred(), deferred(), deferred(), deferred()]
    const started: number[] = []
    const runs = tasks.map((task, index) =>
      semaphore.run(async () => {
        started.push(index)
        await task.done
        return index
      }),
    )
    await tick()
    expect(started).toEqual([0, 1])
    expect([semaphore.active, semaphore.waiting]).toEqual([2, 2])

    tasks[1]!.finish()
    await tick()
    expect(started).toEqual([0, 1, 2])
    expect([semaphore.active, semaphore.waiting]).toEqual([2, 1])

    for (const task of tasks) task.finish()
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3])
    expect([semaphore.active, semaphore.waiting]).toEqual([0, 0])
  })

  it('frees the permit when a task fails', async () => {
    const semaphore = new Semaphore(1)
    await expect(semaphore.run(() => Promise.reject(new Error('broken photo')))).rejects.toThrow(
      'broken photo',
    )
    expect(semaphore.active).toBe(0)
    expect(await semaphore.run(async () => 'next')).toBe('next')
  })

  it('ignores a second release of the same permit', async () => {
    const semaphore = new Semaphore(1)
    const release = await semaphore.acquire()
    release()
    release()
    expect(semaphore.active).toBe(0)
    const again = await semaphore.acquire()
    expect(semaphore.active).toBe(1)
    again()
  })

  it('refuses a permit count that would never run anything', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError)
    expect(() => new Semaphore(1.5)).toThrow(RangeError)
  })
})
