import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { PhotoInput } from './photo-input'
import { imageVariantUrl, Picture, type PictureImage } from './picture'

async function render(element: unknown) {
  return parseHTML(`<body>${await String(element)}</body>`).document
}

const image: PictureImage = {
  hash: 'ab'.repeat(32),
  width: 1000,
  height: 750,
  widths: '160,320,640,1000',
  placeholder: 'data:image/webp;base64,UklGRg==',
}
const url = (width: number, format: string) => `/uploads/${'ab'.repeat(32)}-${width}.${format}`

describe('Picture', () => {
  it('offers AVIF, then WebP, then JPEG at every stored width', async () => {
    const document = await render(
      <Picture
        image={image}
        alt="Blue pottery on a stall"
        sizes="(min-width: 40rem) 20rem, 100vw"
      />,
    )
    const sources = [...document.querySelectorAll('picture source')]
    expect(sources.map((source) => source.getAttribute('type'))).toEqual([
      'image/avif',
      'image/webp',
    ])
    expect(sources[0]!.getAttribute('srcset')).toBe(
      [160, 320, 640, 1000].map((width) => `${url(width, 'avif')} ${width}w`).join(', '),
    )
    const img = document.querySelector('picture img')!
    expect(img.getAttribute('src')).toBe(url(640, 'jpg'))
    expect(img.getAttribute('srcset')).toContain(`${url(1000, 'jpg')} 1000w`)
    expect(img.getAttribute('sizes')).toBe('(min-width: 40rem) 20rem, 100vw')
    expect(img.getAttribute('alt')).toBe('Blue pottery on a stall')
    expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual(['1000', '750'])
    expect(img.getAttribute('loading')).toBe('lazy')
    expect(img.getAttribute('decoding')).toBe('async')
    expect(img.hasAttribute('fetchpriority')).toBe(false)
  })

  it('shows the blurred placeholder as a hidden image underneath, with no style attribute', async () => {
    const document = await render(<Picture image={image} alt="" sizes="100vw" class="cover" />)
    expect(document.querySelector('.picture')?.getAttribute('class')).toBe('picture cover')
    const placeholder = document.querySelector('.picture > img.picture__placeholder')!
    expect(placeholder.getAttribute('src')).toBe(image.placeholder)
    expect(placeholder.getAttribute('alt')).toBe('')
    expect(placeholder.getAttribute('aria-hidden')).toBe('true')
    expect(document.querySelectorAll('[style], style')).toHaveLength(0)
  })

  it('draws the square crop for an avatar, as a square', async () => {
    const document = await render(<Picture image={image} alt="Awa" sizes="6rem" square />)
    const square = (width: number, format: string) =>
      `/uploads/${'ab'.repeat(32)}-${width}sq.${format}`
    expect(document.querySelector('source[type="image/avif"]')?.getAttribute('srcset')).toBe(
      `${square(64, 'avif')} 64w, ${square(160, 'avif')} 160w, ${square(320, 'avif')} 320w`,
    )
    const img = document.querySelector('picture img')!
    expect(img.getAttribute('src')).toBe(square(320, 'jpg'))
    expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual(['320', '320'])
  })

  it('falls back to the ordinary variants for a photo too small to crop', async () => {
    const small = { ...image, width: 150, height: 100, widths: '150' }
    const document = await render(<Picture image={small} alt="Awa" sizes="6rem" square />)
    expect(document.querySelector('picture img')?.getAttribute('src')).toBe(url(150, 'jpg'))
  })

  it('loads the photo at the top of a page at once', async () => {
    const document = await render(<Picture image={image} alt="Shop front" sizes="100vw" eager />)
    const img = document.querySelector('picture img')!
    expect(img.getAttribute('loading')).toBe('eager')
    expect(img.getAttribute('fetchpriority')).toBe('high')
  })

  it('falls back to the only width of a small photo', async () => {
    const small = { ...image, width: 90, height: 60, widths: '90' }
    const document = await render(<Picture image={small} alt="Badge" sizes="90px" />)
    expect(document.querySelector('picture img')?.getAttribute('src')).toBe(url(90, 'jpg'))
    expect(imageVariantUrl(small, 90, 'webp')).toBe(url(90, 'webp'))
  })
})

describe('PhotoInput', () => {
  it('labels a multiple file input that accepts only the types we read', async () => {
    const document = await render(<PhotoInput label="Photos of your work" name="photos" />)
    const input = document.querySelector('input[type=file]')!
    expect(document.querySelector('label')?.getAttribute('for')).toBe(input.id)
    expect(input.getAttribute('name')).toBe('photos')
    expect(input.getAttribute('accept')).toBe(
      'image/jpeg,image/png,image/webp,image/avif,image/gif',
    )
    expect(input.hasAttribute('multiple')).toBe(true)
    expect(input.getAttribute('aria-describedby')).toBe('field-photos-hint')
    expect(document.querySelector('#field-photos-hint')?.textContent).toMatch(/15 MB each/)
    const bar = document.querySelector('progress[data-upload-progress-bar]')!
    expect(bar.hasAttribute('hidden')).toBe(true)
    expect(document.querySelector('[data-upload-progress-status]')?.getAttribute('role')).toBe(
      'status',
    )
  })

  it('lists each refused file beside the input', async () => {
    const errors = ['“a.jpg” is larger than 15 MB.', '“b.svg” is not a photo we can read.']
    const document = await render(
      <PhotoInput label="Cover photo" name="cover" multiple={false} errors={errors} />,
    )
    const input = document.querySelector('input')!
    expect(input.hasAttribute('multiple')).toBe(false)
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(input.getAttribute('aria-describedby')).toBe('field-cover-hint field-cover-error')
    const items = [...document.querySelectorAll('#field-cover-error li')]
    expect(items.map((item) => item.textContent)).toEqual(errors)
  })

  it('leaves the progress bar out when another input of the form shows it', async () => {
    const document = await render(<PhotoInput label="Avatar" name="avatar" progress={false} />)
    expect(document.querySelector('progress')).toBeNull()
  })
})
