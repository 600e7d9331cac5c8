import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  flattenFields,
  list,
  listLength,
  listValues,
  parseFields,
  parseQuery,
  readFields,
} from './forms'

describe('readFields', () => {
  it.each([
    [
      'plain fields',
      [
        ['title', 'Tap'],
        ['price', '5'],
      ],
      { title: 'Tap', price: '5' },
    ],
    [
      'a repeated name is a list',
      [
        ['tag', 'a'],
        ['tag', 'b'],
      ],
      { tag: ['a', 'b'] },
    ],
    [
      'numbered parts make a list of groups, in number order',
      [
        ['packages.1.name', 'Half day'],
        ['packages.0.name', 'Call-out'],
        ['packages.0.price', '350'],
      ],
      { packages: [{ name: 'Call-out', price: '350' }, { name: 'Half day' }] },
    ],
    [
      'gaps close up',
      [
        ['v.3', 'c'],
        ['v.0', 'a'],
      ],
      { v: ['a', 'c'] },
    ],
    ['named parts make objects', [['a.b', '1']], { a: { b: '1' } }],
    [
      'unsafe and overlong names are ignored',
      [
        ['__proto__.polluted', 'yes'],
        ['a.constructor.prototype', 'x'],
        ['a.b.c.d.e', 'deep'],
        ['list.100.name', 'far'],
        ['1st', 'x'],
        ['', 'x'],
        ['ok', 'y'],
      ],
      { ok: 'y' },
    ],
  ] as const)('%s', (_, entries, expected) => {
    expect(readFields(entries as unknown as [string, string][])).toEqual(expected)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('flattens back to the names the inputs have, lists numbered from 0', () => {
    const values = flattenFields(
      readFields([
        ['packages.0.name', 'A'],
        ['packages.2.name', 'C'],
        ['where', 'customer'],
        ['where', 'online'],
      ]),
    )
    expect(values).toEqual({
      'packages.0.name': 'A',
      'packages.1.name': 'C',
      'where.0': 'customer',
      'where.1': 'online',
    })
    expect(listValues(values, 'where')).toEqual(['customer', 'online'])
    expect(listValues({ where: 'online' }, 'where')).toEqual(['online'])
    expect(listLength(values, 'packages')).toBe(2)
    expect(listLength(values, 'variants')).toBe(0)
  })
})

describe('parseFields', () => {
  const schema = z.object({
    title: z.string().min(1, 'Give it a title.'),
    packages: z.array(
      z.object({ name: z.string(), price: z.string().regex(/^\d+$/, 'A number.') }),
    ),
  })

  it('keys each message by the field name of the input it belongs to', () => {
    const parsed = parseFields(
      [
        ['title', ''],
        ['packages.0.name', 'A'],
        ['packages.0.price', '5'],
        ['packages.1.name', 'B'],
        ['packages.1.price', 'lots'],
      ],
      schema,
    )
    expect(parsed).toMatchObject({
      ok: false,
      errors: { title: 'Give it a title.', 'packages.1.price': 'A number.' },
      values: { 'packages.1.price': 'lots' },
    })
  })

  it('gives the data as lists', () => {
    expect(
      parseFields(
        [
          ['title', 'T'],
          ['packages.0.name', 'A'],
          ['packages.0.price', '5'],
        ],
        schema,
      ),
    ).toMatchObject({ ok: true, data: { title: 'T', packages: [{ name: 'A', price: '5' }] } })
  })
})

describe('parseQuery', () => {
  it('reads repeated query parameters as a list', async () => {
    const facets = z.object({
      category: list(z.string()),
      q: z.string().default(''),
    })
    const app = new Hono().get('/search', (c) => c.json(parseQuery(c, facets)))
    const answer = async (query: string) => (await app.request(`/search?${query}`)).json()
    expect(await answer('category=food&category=crafts&q=jam')).toMatchObject({
      ok: true,
      data: { category: ['food', 'crafts'], q: 'jam' },
    })
    expect(await answer('category=food')).toMatchObject({ data: { category: ['food'] } })
    expect(await answer('')).toMatchObject({ data: { category: [] } })
  })
})
