import type { Context } from 'hono'
import type { z } from 'zod'

export type FormValues = Record<string, string>
export type FormErrors = Record<string, string>

export type ParsedForm<T> =
  { ok: true; data: T; values: FormValues } | { ok: false; values: FormValues; errors: FormErrors }

/**
 * Reads a submitted form and checks it against a zod schema. On failure, `errors` holds the
 * first message per field and `values` what was typed, so the form can be shown again as it was.
 * @example const form = await parseForm(c, signUpSchema); if (!form.ok) return c.html(<Page errors={form.errors} />, 422)
 */
export async function parseForm<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
): Promise<ParsedForm<z.infer<Schema>>> {
  const values = await readFormValues(c)
  const parsed = schema.safeParse(values)
  if (parsed.success) return { ok: true, data: parsed.data, values }
  const errors: FormErrors = {}
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= issue.message
  }
  return { ok: false, values, errors }
}

/** The text fields of a submitted form (files are read separately). */
export async function readFormValues(c: Context): Promise<FormValues> {
  const body = await c.req.parseBody()
  const values: FormValues = {}
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') values[name] = value
  }
  return values
}

/** Submitted values safe to echo back into a form: never passwords or tokens. */
export function withoutSecrets(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !/password/i.test(name)))
}
