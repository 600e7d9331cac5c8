import { parseArgs } from 'node:util'

export type BenchOptions = {
  /** Seconds each entry is measured for, after its warm-up. */
  duration: number
  warmup: number
  connections: number
  /** How many members the demo town has: sessions and lookups scale with it. */
  members: number
  /** Run only entries whose name contains this text. */
  only: string | undefined
}

const USAGE =
  'usage: npm run bench -- [--duration S] [--connections N] [--members N] [--only TEXT]\n' +
  '       BENCH_QUICK=1 npm run bench   (3 s per entry)\n' +
  '       npm run bench -- --only live   (10,000 event streams and chat, beside Socket.IO)\n' +
  "       npm run bench -- --only booking   (a busy provider's month of free slots, in the model)"

/** Fixed concurrency and duration, so runs on the same machine compare. */
export function readBenchOptions(args = process.argv.slice(2), env = process.env): BenchOptions {
  const quick = env.BENCH_QUICK === '1'
  const values = parseOptions(args, quick)
  const duration = positive('duration', values.duration)
  return {
    duration,
    warmup: Math.min(2, Math.ceil(duration / 3)),
    connections: positive('connections', values.connections),
    members: positive('members', values.members),
    only: values.only,
  }
}

function parseOptions(args: string[], quick: boolean) {
  try {
    return parseArgs({
      args,
      options: {
        duration: { type: 'string', default: quick ? '3' : '10' },
        connections: { type: 'string', default: '32' },
        members: { type: 'string', default: '2000' },
        only: { type: 'string' },
      },
    }).values
  } catch (error) {
    throw new BenchUsageError((error as Error).message)
  }
}

function positive(name: string, text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < 1)
    throw new BenchUsageError(`--${name} must be a whole number ≥ 1, got ${JSON.stringify(text)}`)
  return value
}

/** A mistyped command line: run.ts prints it with the usage instead of a stack trace. */
export class BenchUsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n${USAGE}`)
  }
}
