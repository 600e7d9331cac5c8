import { resolve } from 'node:path'
import { z } from 'zod'

const portMessage = 'must be a port number from 0 to 65535'
const formLimitMessage = 'must be a whole number of kilobytes from 1 to 10240'

/** Every setting Souk reads, with its default. The README's configuration table mirrors this. */
const environmentSchema = z.object({
  PORT: z.coerce
    .number({ error: portMessage })
    .int(portMessage)
    .min(0, portMessage)
    .max(65535, portMessage)
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('db/souk.sqlite'),
  UPLOADS_DIR: z.string().min(1).default('uploads/'),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  MAX_FORM_KB: z.coerce
    .number({ error: formLimitMessage })
    .int(formLimitMessage)
    .min(1, formLimitMessage)
    .max(10_240, formLimitMessage)
    .default(64),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// address' })
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^[^\r\n]+@[^\r\n]+$/, 'must be an email address, e.g. market@example.org')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
})

export type Config = {
  port: number
  host: string
  databasePath: string
  uploadsDir: string
  /** The address people reach the marketplace at; used in printed links. */
  publicUrl: string | undefined
  /** Whether session cookies get `Secure` and the `__Host-` prefix. */
  secureCookies: boolean
  /** Read the client address from X-Forwarded-For (only behind a reverse proxy you run). */
  trustProxy: boolean
  /**
   * The most bytes any request body may carry, photo uploads apart (they have their own, larger
   * limit). Checked before a body is read, so a huge post cannot fill the memory.
   */
  maxFormBytes: number
  /** The operator's mail server, e.g. smtps://user:pass@mail.example:465; none: mail is held. */
  smtpUrl: string | undefined
  /** The sender address of every mail; the market's name is its display name. */
  mailFrom: string
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL']
  production: boolean
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string }

/** Reads the environment once; a wrong value becomes a one-line explanation instead of a crash later. */
export function readConfig(environment: NodeJS.ProcessEnv = process.env): ConfigResult {
  const present = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''),
  )
  const parsed = environmentSchema.safeParse(present)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const name = String(issue.path[0])
    return { ok: false, message: `${name}=${JSON.stringify(present[name])} ${issue.message}` }
  }
  const env = parsed.data
  return {
    ok: true,
    config: {
      port: env.PORT,
      host: env.HOST,
      databasePath: resolve(env.DATABASE_PATH),
      uploadsDir: resolve(env.UPLOADS_DIR),
      publicUrl: env.PUBLIC_URL,
      secureCookies:
        env.SECURE_COOKIES === 'auto'
          ? (env.PUBLIC_URL?.startsWith('https://') ?? false)
          : env.SECURE_COOKIES === 'true',
      trustProxy: env.TRUST_PROXY === 'true',
      maxFormBytes: env.MAX_FORM_KB * 1024,
      smtpUrl: env.SMTP_URL,
      mailFrom:
        env.MAIL_FROM ??
        `market@${env.PUBLIC_URL ? new URL(env.PUBLIC_URL).hostname : 'localhost'}`,
      logLevel: env.LOG_LEVEL,
      production: env.NODE_ENV === 'production',
    },
  }
}
