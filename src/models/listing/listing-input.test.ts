import { describe, expect, it } from 'vitest'
import { listingInputSchema } from './listing-input'

const money = { currency: 'GMD', locale: 'en-GB' }

function problems(kind: 'service' | 'product', fields: Record<string, unknown>) {
  const parsed = listingInputSchema(kind, money).safeParse(fields)
  return Object.fromEntries((parsed.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]))
}

describe('listingInputSchema', () => {
  it('reports every problem of a service at once, keyed by the field names of the form', () => {
    expect(
      problems('service', {
        title: 'Tap repair',
        packages: [
          { name: '', price: '4,40' },
          { name: '', included: '', price: '' },
        ],
      }),
    ).toEqual({
      categoryId: 'Choose a category.',
      'packages.0.name': 'Name this package, e.g. “Call-out”.',
      'packages.0.price':
        '“4,40” could be read two ways. Write thousands like 4,400 and decimals like 12.50.',
      serviceLocations: 'Choose where the service happens.',
    })
  })

  it('reports a product’s missing price, stock and delivery alongside other problems', () => {
    expect(problems('product', { title: '', delivery: 'on' })).toEqual({
      title: 'Give your listing a title.',
      categoryId: 'Choose a category.',
      price: 'Enter a price, or add variants with their own.',
      stock: 'Enter how many you have.',
      deliveryFee: 'Enter the delivery fee (0 if free).',
    })
  })

  it('reads rows into the ListingInput the models take, skipping empty rows', () => {
    const parsed = listingInputSchema('service', money).parse({
      title: ' Tap repair ',
      categoryId: '101',
      tags: 'Taps, taps, pipes',
      packages: [
        { name: '', included: '', price: '', turnaroundDays: '' },
        { name: 'Call-out', included: '', price: '4,400', turnaroundDays: '0' },
      ],
      serviceLocations: ['online', 'customer', 'online'],
      durationMinutes: '',
    })
    expect(parsed).toEqual({
      kind: 'service',
      title: 'Tap repair',
      description: '',
      categoryId: 101,
      tags: ['taps', 'pipes'],
      packages: [
        { unitId: null, name: 'Call-out', included: '', price: 440000, turnaroundDays: 0 },
      ],
      serviceLocations: ['online', 'customer'],
      durationMinutes: null,
      booking: null,
    })
  })

  it('reads the unit a saved row names and the stock it showed; a row emptied by hand is left out', () => {
    const parsed = listingInputSchema('product', money).parse({
      title: 'Mango jam',
      categoryId: '127',
      pickup: 'on',
      variants: [
        { unitId: '7', name: 'Small jar', price: '75', stock: '12', stockWas: '10' },
        // Emptied: only the hidden fields are left, so its unit is retired.
        { unitId: '8', name: '', price: '', stock: '', stockWas: '3' },
        { name: 'Gift box', price: '300', stock: '2' },
        { unitId: 'someone-elses', name: 'Odd', price: '1', stock: '1', stockWas: '-4' },
      ],
    })
    expect(parsed.variants).toEqual([
      { unitId: 7, name: 'Small jar', price: 7500, stock: 12, stockWas: 10 },
      { unitId: null, name: 'Gift box', price: 30000, stock: 2, stockWas: null },
      // Not a unit id: 0 names no unit, and the model refuses the form.
      { unitId: 0, name: 'Odd', price: 100, stock: 1, stockWas: 0 },
    ])
    expect(parsed).toMatchObject({ price: null, stock: null, stockWas: null })
  })

  it('refuses more rows than a listing can have', () => {
    const row = { name: 'A', price: '1' }
    expect(
      problems('service', {
        title: 'T',
        categoryId: '1',
        serviceLocations: 'online',
        packages: [row, row, row, row],
      }),
    ).toEqual({ packages: 'Offer at most 3 packages.' })
  })
})
