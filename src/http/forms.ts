// Forms and query strings read into zod schemas, with lists.
//
// Field names say where a value goes, with dots: `packages.0.name`, `packages.1.price`. A number
// in a name makes a list (in order of the numbers, gaps closed), and a name sent more than once
// is a list of its values (`serviceLocations=customer&serviceLocations=online`, or
// `?category=a&category=b`). So `packages.0.name=Call-out&packages.0.price=350` reads as
// `{ packages: [{ name: 'Call-out', price: '350' }] }`.
//
// Hono's `parseBody({ all: true, dot: true })` reads the body (and caches it, so the photo
// helpers can read files from the same body), but its dot option makes `{ "0": { … } }` objects,
// not lists, and throws (a 500) past 33 levels or 10,000 objects; so only `all: true` is asked
// of Hono and the names are read here, with small limits: a name of at most MAX_DEPTH parts,
// list positions below MAX_LIST_INDEX. Names outside these limits are ignored.
import type { Context } from 'hono'
import { z } from 'zod'

/** What was typed, by field name as the form's inputs name it ('title', 'packages.1.price'). */
export type FormValues = Record<string, string>
/** The first problem with each field, by the same names; 'form' for the form as a whole. */
export type FormErrors = Record<string, string>

/** Submitted fields as a tree: what a schema reads. */
export type FormFields = { [name: string]: FormField }
export type FormField = string | FormField[] | FormFields

export type ParsedForm<T> =
  { ok: true; data: T; values: FormValues } | { ok: false; values: FormValues; errors: FormErrors }

const MAX_DEPTH = 4
const MAX_LIST_INDEX = 100
const NAME_PART = /^(?:[A-Za-z_][\w-]*|\d{1,3})$/
const UNSAFE_PARTS = new Set(['__proto__', 'prototype', 'constructor'])

/**
 * Reads a submitted form (urlencoded or multipart; files are read separately) and checks it
 * against a zod schema. On failure, `errors` holds the first message per field, keyed by the
 * field's name (`packages.1.price`) so it shows beside its input, and `values` what was typed.
 * @example const form = await parseForm(c, signUpSchema); if (!form.ok) return c.html(<Page errors={form.errors} />, 422)
 */
export async function parseForm<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
): Promise<ParsedForm<z.infer<Schema>>> {
  return parseFields(await readFormEntries(c), schema)
}

/**
 * Reads the query string into a schema the same way, lists included.
 * @example const query = parseQuery(c, z.object({ category: list(z.string()) }))  // ?category=a&category=b
 */
export function parseQuery<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
): ParsedForm<z.infer<Schema>> {
  return parseFields([...new URL(c.req.url).searchParams], schema)
}

/**
 * A field that may be sent once, many times or not at all, as a list: a name sent once reads
 * as a plain value, so a schema that wants a list says so with this.
 * @example serviceLocations: list(z.enum(['customer', 'provider', 'online']))
 */
export function list<Item extends z.ZodType>(item: Item) {
  return z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(item),
  )
}

/** Checks entries (name, value pairs in the order sent) against a schema. */
export function parseFields<Schema extends z.ZodType>(
  entries: Iterable<[string, string]>,
  schema: Schema,
): ParsedForm<z.infer<Schema>> {
  const fields = readFields(entries)
  const values = flattenFields(fields)
  const parsed = schema.safeParse(fields)
  if (parsed.success) return { ok: true, data: parsed.data, values }
  const errors: FormErrors = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'form'
    errors[field] ??= issue.message
  }
  return { ok: false, values, errors }
}

/** The text fields of a submitted form, flat, by name (files are read separately). */
export async function readFormValues(c: Context): Promise<FormValues> {
  return flattenFields(readFields(await readFormEntries(c)))
}

/** Submitted values safe to echo back into a form: never passwords or tokens. */
export function withoutSecrets(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !/password/i.test(name)))
}

/**
 * The values of a list field, in order: `listValues(values, 'serviceLocations')` gives what
 * `serviceLocations.0`, `serviceLocations.1`… (or a single `serviceLocations`) held.
 */
export function listValues(values: FormValues, name: string): string[] {
  if (values[name] !== undefined) return [values[name]]
  const found: string[] = []
  for (let index = 0; values[`${name}.${index}`] !== undefined; index += 1)
    found.push(values[`${name}.${index}`]!)
  return found
}

/** How many rows a list of groups has in `values`: 2 for `packages.0.name` and `packages.1.price`. */
export function listLength(values: FormValues, name: string): number {
  let length = 0
  const pattern = new RegExp(`^${name.replace(/\./g, '\\.')}\\.(\\d+)(?:\\.|$)`)
  for (const key of Object.keys(values)) {
    const match = pattern.exec(key)
    if (match) length = Math.max(length, Number(match[1]) + 1)
  }
  return length
}

async function readFormEntries(c: Context): Promise<[string, string][]> {
  const body = await c.req.parseBody({ all: true })
  const entries: [string, string][] = []
  for (const [name, value] of Object.entries(body))
    for (const one of [value].flat()) if (typeof one === 'string') entries.push([name, one])
  return entries
}

type Node = { values: string[]; children: Map<string, Node> }

/** Name, value pairs into a tree: numbered parts and repeated names become lists. */
export function readFields(entries: Iterable<[string, string]>): FormFields {
  const root: Node = { values: [], children: new Map() }
  for (const [name, value] of entries) {
    const parts = name.split('.')
    if (parts.length > MAX_DEPTH || !parts.every(isNamePart)) continue
    let node = root
    for (const part of parts) {
      let child = node.children.get(part)
      if (!child) node.children.set(part, (child = { values: [], children: new Map() }))
      node = child
    }
    node.values.push(value)
  }
  return toObject(root)
}

function isNamePart(part: string): boolean {
  return (
    NAME_PART.test(part) &&
    !UNSAFE_PARTS.has(part) &&
    (!/^\d/.test(part) || Number(part) < MAX_LIST_INDEX)
  )
}

function toField(node: Node): FormField {
  if (node.children.size === 0) return node.values.length === 1 ? node.values[0]! : node.values
  const keys = [...node.children.keys()]
  if (keys.every((key) => /^\d+$/.test(key)))
    return keys.sort((a, b) => Number(a) - Number(b)).map((key) => toField(node.children.get(key)!))
  return toObject(node)
}

function toObject(node: Node): FormFields {
  const fields: FormFields = {}
  for (const [key, child] of node.children) fields[key] = toField(child)
  return fields
}

/** The tree back into flat names, lists numbered from 0: what the form's inputs are named. */
export function flattenFields(fields: FormFields): FormValues {
  const values: FormValues = {}
  const visit = (field: FormField, name: string) => {
    if (typeof field === 'string') values[name] = field
    else if (Array.isArray(field)) field.forEach((item, index) => visit(item, `${name}.${index}`))
    else for (const [key, child] of Object.entries(field)) visit(child, `${name}.${key}`)
  }
  for (const [key, field] of Object.entries(fields)) visit(field, key)
  return values
}
