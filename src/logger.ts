import { createRequire } from 'node:module'
import pino, { type Logger } from 'pino'
import type { Config } from './config'

/**
 * JSON lines in production (for journald or a log shipper); readable lines on a developer's
 * terminal when pino-pretty (a dev dependency) is installed.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'production'>): Logger {
  const pretty = !config.production && process.stdout.isTTY && hasPinoPretty()
  return pino({
    level: config.logLevel,
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } }
      : {}),
  })
}

function hasPinoPretty(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty')
    return true
  } catch {
    return false
  }
}
