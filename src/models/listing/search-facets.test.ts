import { describe, expect, it } from 'vitest'
import { priceBands } from './search-facets'

// The 1-2-5 steps are 1, 2, 5, 10, 20, 50, 100, 200, 500, 1,000…; band b holds prices from step
// b - 1 up to step b: band 5 is 20–49 minor units, band 8 is 200–499, band 10 is 1,000–1,999.
describe('priceBands', () => {
  it('offers nothing to choose between when everything costs about the same', () => {
    expect(priceBands([{ band: 8, count: 4, onBandLower: 0 }])).toEqual([
      { min: 200, max: null, count: 4 },
    ])
  })

  it('merges the smallest neighbours down to five bands, counting both ends of each', () => {
    const groups = [5, 6, 7, 8, 9, 10, 11].map((band) => ({
      band,
      count: band === 9 ? 1 : 10,
      onBandLower: band === 10 ? 2 : 0,
    }))
    const bands = priceBands(groups)
    expect(bands).toHaveLength(5)
    expect(bands[0]!.min).toBe(20)
    expect(bands.at(-1)!.max).toBeNull()
    // Prices exactly at a band's upper end count in it too: 2 listings at 1,000.
    const total = groups.reduce((sum, group) => sum + group.count, 0)
    expect(bands.reduce((sum, band) => sum + band.count, 0)).toBe(total + 2)
  })

  it('starts the cheapest band at nothing when it holds prices from zero', () => {
    expect(
      priceBands([
        { band: 0, count: 1, onBandLower: 0 },
        { band: 4, count: 1, onBandLower: 0 },
      ])[0],
    ).toEqual({ min: null, max: 1, count: 1 })
  })
})
