import { variantFileName, type VariantFormat } from '../../src/lib/images'
import { imageWidths, type Image } from '../../src/models/image'

/** What a page needs of an `images` row to show it. */
export type PictureImage = Pick<Image, 'hash' | 'width' | 'height' | 'widths' | 'placeholder'>

/** Where one variant is served, e.g. /uploads/3f…9a-640.avif */
export function imageVariantUrl(
  image: Pick<Image, 'hash'>,
  width: number,
  format: VariantFormat,
): string {
  return `/uploads/${variantFileName(image.hash, width, format)}`
}

/** Every stored width of one format, for srcset: "/uploads/…-160.webp 160w, …". */
export function imageSrcset(image: Pick<Image, 'hash' | 'widths'>, format: VariantFormat): string {
  return imageWidths(image)
    .map((width) => `${imageVariantUrl(image, width, format)} ${width}w`)
    .join(', ')
}

/** The JPEG for browsers without srcset: a column-sized one, not the largest. */
function fallbackWidth(image: Pick<Image, 'widths'>): number {
  const widths = imageWidths(image)
  return widths.filter((width) => width <= 640).at(-1) ?? widths[0]!
}

type PictureProps = {
  image: PictureImage
  /** Say what the photo shows; "" only when the text next to it already says it. */
  alt: string
  /** How wide the photo is drawn, so the browser fetches the right width: "(min-width: 40rem) 20rem, 100vw". */
  sizes: string
  class?: string
  /** For the one photo at the top of a page (the largest paint): load it at once, first. */
  eager?: boolean
}

/**
 * A photo in AVIF, WebP or JPEG at the width the layout needs, lazy, with width and height so
 * nothing jumps as it loads. Until it arrives, its blurred placeholder shows through: a second
 * <img> under it, because the CSP allows no style attribute to set a background.
 */
export function Picture({ image, alt, sizes, class: className, eager }: PictureProps) {
  const priority = eager ? { fetchpriority: 'high' } : {}
  return (
    <span class={className ? `picture ${className}` : 'picture'}>
      <img
        class="picture__placeholder"
        src={image.placeholder}
        alt=""
        aria-hidden="true"
        width={image.width}
        height={image.height}
      />
      <picture>
        <source type="image/avif" srcset={imageSrcset(image, 'avif')} sizes={sizes} />
        <source type="image/webp" srcset={imageSrcset(image, 'webp')} sizes={sizes} />
        <img
          class="picture__image"
          src={imageVariantUrl(image, fallbackWidth(image), 'jpg')}
          srcset={imageSrcset(image, 'jpg')}
          sizes={sizes}
          width={image.width}
          height={image.height}
          alt={alt}
          loading={eager ? 'eager' : 'lazy'}
          decoding="async"
          {...priority}
        />
      </picture>
    </span>
  )
}
