import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { minifyCss } from './css'

describe('minifyCss', () => {
  it('drops comments and the space around braces and semicolons, keeping every rule', () => {
    const css = `/* Tokens, explained. */
:root {
  --space: 1rem; /* one step */
  font-family: system-ui, 'Segoe UI', sans-serif;
}

@media (min-width: 48rem) {
  .site-nav a:hover,
  .chip > span {
    margin: 0 calc(-1 * var(--space));
  }
}
`
    expect(minifyCss(css)).toBe(
      ":root{--space: 1rem;font-family: system-ui, 'Segoe UI', sans-serif;}" +
        '@media (min-width: 48rem){.site-nav a:hover, .chip > span{margin: 0 calc(-1 * var(--space));}}',
    )
  })

  it('leaves the stylesheet with all its rules and none of its comments', () => {
    const source = readFileSync('static/app.css', 'utf8')
    const served = minifyCss(source)
    const count = (text: string, character: string) => text.split(character).length - 1
    expect(count(served, '{')).toBe(count(source.replace(/\/\*[\s\S]*?\*\//g, ''), '{'))
    expect(count(served, '}')).toBe(count(served, '{'))
    expect(served).not.toContain('/*')
    expect(served.length).toBeLessThan(source.length * 0.8)
  })
})
