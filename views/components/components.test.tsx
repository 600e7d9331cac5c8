import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { Field } from './field'
import { Money } from './money'
import { Pagination } from './pagination'

async function render(element: unknown) {
  return parseHTML(`<body>${await String(element)}</body>`).document
}

describe('Field', () => {
  it('labels the input and ties hint and error to it', async () => {
    const document = await render(
      <Field
        label="Email"
        name="email"
        type="email"
        hint="We never share it."
        error="Enter an email."
      />,
    )
    const input = document.querySelector('input')!
    expect(document.querySelector('label')?.getAttribute('for')).toBe(input.id)
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(input.getAttribute('aria-describedby')).toBe('field-email-hint field-email-error')
    expect(document.querySelector('#field-email-error')?.textContent).toBe('Enter an email.')
  })

  it('says nothing extra when all is well', async () => {
    const document = await render(<Field label="Name" name="name" value="Awa" />)
    const input = document.querySelector('input')!
    expect(input.getAttribute('value')).toBe('Awa')
    expect(input.hasAttribute('aria-invalid')).toBe(false)
    expect(input.hasAttribute('aria-describedby')).toBe(false)
  })
})

describe('Money', () => {
  it('writes minor units in the locale', async () => {
    const document = await render(<Money amount={150000} currency="GMD" locale="en-GB" />)
    expect(document.querySelector('.money')?.textContent).toMatch(/^GMD\s1,500\.00$/)
  })
})

describe('Pagination', () => {
  const href = (page: number) => `/search?q=honey&page=${page}`

  it('links to the neighbouring pages', async () => {
    const document = await render(<Pagination page={2} totalPages={3} href={href} />)
    expect(document.querySelector('a[rel=prev]')?.getAttribute('href')).toBe(
      '/search?q=honey&page=1',
    )
    expect(document.querySelector('a[rel=next]')?.getAttribute('href')).toBe(
      '/search?q=honey&page=3',
    )
    expect(document.querySelector('.pagination__status')?.textContent).toBe('Page 2 of 3')
  })

  it('has no links past either end, and nothing for a single page', async () => {
    const first = await render(<Pagination page={1} totalPages={2} href={href} />)
    expect(first.querySelector('a[rel=prev]')).toBeNull()
    const only = await render(<Pagination page={1} totalPages={1} href={href} />)
    expect(only.querySelector('nav')).toBeNull()
  })
})
