import { squareWidths, variantFileName, type VariantFormat } from '../../src/lib/images'
import { imageWidths, type Image } from '../../src/models/image'

/** What a page needs of an `images` row to show it. */
export type PictureImage = Pick<Image, 'hash' | 'width' | 'height' | 'widths' | 'placeholder'>

/** Where one variant is served, e.g. /uploads/3f…9a-640.avif (or …-320sq.avif, square). */
export function imageVariantUrl(
  image: Pick<Image, 'hash'>,
  width: number,
  format: VariantFormat,
  square = false,
): string {
  return `/uploads/${variantFileName(image.hash, width, format, square)}`
}

/** Every stored width of one format, for srcset: "/uploads/…-160.webp 160w, …". */
export function imageSrcset(
  image: Pick<Image, 'hash' | 'widths'>,
  format: VariantFormat,
  widths = imageWidths(image),
  square = false,
): string {
  return widths
    .map((width) => `${imageVariantUrl(image, width, format, square)} ${width}w`)
    .join(', ')
}

/** The JPEG for browsers without srcset: a column-sized one, not the largest. */
function fallbackWidth(widths: number[]): number {
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
  /**
   * Draw the square crop (avatars). A photo too small to have one gets its ordinary variants,
   * which the stylesheet crops to the square box with object-fit.
   */
  square?: boolean
}

/**
 * A photo in AVIF, WebP or JPEG at the width the layout needs, lazy, with width and height so
 * nothing jumps as it loads. Until it arrives, its blurred placeholder shows through: a second
 * <img> under it, because the CSP allows no style attribute to set a background.
 */
export function Picture({ image, alt, sizes, class: className, eager, square }: PictureProps) {
  const priority = eager ? { fetchpriority: 'high' } : {}
  const sides = square ? squareWidths(image.width, image.height) : []
  const cropped = sides.length > 0
  const widths = cropped ? sides : imageWidths(image)
  const srcset = (format: VariantFormat) => imageSrcset(image, format, widths, cropped)
  const [width, height] = cropped ? [sides.at(-1)!, sides.at(-1)!] : [image.width, image.height]
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
        <source type="image/avif" srcset={srcset('avif')} sizes={sizes} />
        <source type="image/webp" srcset={srcset('webp')} sizes={sizes} />
        <img
          class="picture__image"
          src={imageVariantUrl(image, fallbackWidth(widths), 'jpg', cropped)}
          srcset={srcset('jpg')}
          sizes={sizes}
          width={width}
          height={height}
          alt={alt}
          loading={eager ? 'eager' : 'lazy'}
          decoding="async"
          {...priority}
        />
      </picture>
    </span>
  )
}
