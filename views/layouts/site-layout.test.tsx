import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { HTMX_CONFIG } from './site-layout'

describe('the htmx config and static/app.js', () => {
  it('agree on how htmx names its events (app.js listens for what htmx fires)', () => {
    const { metaCharacter } = JSON.parse(HTMX_CONFIG) as { metaCharacter?: string }
    const separator = metaCharacter ?? ':'
    const script = readFileSync(new URL('../../static/app.js', import.meta.url), 'utf8')
    const names = [...script.matchAll(/['"](htmx[:-][a-z:-]+)['"]/g)].map((match) => match[1])
    expect(names.length).toBeGreaterThan(0)
    for (const name of names) expect(name).toMatch(new RegExp(`^htmx(\\${separator}[a-z]+)+$`))
  })
})
