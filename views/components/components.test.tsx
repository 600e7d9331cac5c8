import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { Field } from './field'
import { Money } from './money'
import { Pagination } from './pagination'
import { Rating } from './rating'
import { StoreAvatar } from './store-avatar'

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

describe('Rating', () => {
  it('says the rating in words and fills the stars to the nearest half', async () => {
    const document = await render(<Rating average={4.26} count={23} locale="en-GB" />)
    const rating = document.querySelector('.rating')!
    expect(rating.getAttribute('role')).toBe('img')
    expect(rating.getAttribute('aria-label')).toBe('4.3 out of 5, 23 reviews')
    expect(document.querySelector('.rating__stars')?.getAttribute('class')).toContain(
      'rating__stars--90',
    )
    expect(rating.textContent).toContain('4.3 (23)')
  })

  it('writes the number as the locale does, and one review as one', async () => {
    const document = await render(<Rating average={5} count={1} locale="fr-FR" />)
    expect(document.querySelector('.rating')?.getAttribute('aria-label')).toBe(
      '5,0 out of 5, 1 review',
    )
    expect(document.querySelector('.rating__stars--100')).not.toBeNull()
  })
})

describe('StoreAvatar', () => {
  const face = { hash: 'ab'.repeat(32), width: 800, height: 600 }

  it('draws the small square crop of the store’s photo as one WebP, decorative', async () => {
    const document = await render(<StoreAvatar avatar={face} name="Awa's Kitchen" />)
    const img = document.querySelector('img')!
    expect(img.getAttribute('src')).toBe(`/uploads/${face.hash}-64sq.webp`)
    expect(img.getAttribute('alt')).toBe('')
    expect(img.getAttribute('loading')).toBe('lazy')
  })

  it('shows the store’s initial when it has no photo, and a small photo uncropped', async () => {
    const none = await render(<StoreAvatar avatar={null} name="élan Tailoring" />)
    expect(none.querySelector('.store-avatar--none')?.textContent).toBe('É')
    const small = await render(
      <StoreAvatar avatar={{ ...face, width: 150, height: 100 }} name="Awa" />,
    )
    expect(small.querySelector('img')?.getAttribute('src')).toBe(`/uploads/${face.hash}-150.webp`)
  })
})
