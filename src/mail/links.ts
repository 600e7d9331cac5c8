// Links in mail must be absolute, and the request that caused a mail is not always there to say
// where the market lives (a job sends the messages digest). PUBLIC_URL says it; without it the
// links point at this machine, which is right only for trying Souk out — server.ts warns when
// mail is sent for real (SMTP_URL set) and PUBLIC_URL is not.
import type { Config } from '../config'

/** The absolute address of a path of the market, for mail. */
export function marketUrl(config: Pick<Config, 'publicUrl' | 'port'>, path: string): string {
  const base = config.publicUrl ?? `http://localhost:${config.port}`
  return `${base}${path.startsWith('/') ? path : `/${path}`}`
}
