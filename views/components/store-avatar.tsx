import { squareWidths, variantWidths } from '../../src/lib/images'
import type { StoreAvatar as Avatar } from '../../src/models/store'
import { initial } from './initial'
import { imageVariantUrl } from './picture'

type StoreAvatarProps = {
  avatar: Avatar | null
  name: string
  /** Beside a heading (the seller's card, 3rem) rather than a line of text. */
  large?: boolean
}

/**
 * A store's face at the size of a line of text (cards) or a heading (the seller's card): one
 * square crop as one WebP, a few hundred bytes (64 px; 160 when large), or its initial in a
 * circle. Decorative: the store's name is
 * always written beside it.
 */
export function StoreAvatar({ avatar, name, large }: StoreAvatarProps) {
  const classes = large ? 'store-avatar store-avatar--large' : 'store-avatar'
  if (!avatar)
    return (
      <span class={`${classes} store-avatar--none`} aria-hidden="true">
        {initial(name)}
      </span>
    )
  // A photo too small for square crops is drawn from its smallest variant, cropped by CSS.
  const square = squareWidths(avatar.width, avatar.height).length > 0
  const side = square ? (large ? 160 : SMALL_SQUARE) : variantWidths(avatar.width)[0]!
  return (
    <img
      class={classes}
      src={imageVariantUrl(avatar, side, 'webp', square)}
      alt=""
      width={large ? 48 : 32}
      height={large ? 48 : 32}
      loading="lazy"
      decoding="async"
    />
  )
}

/** The smallest square crop (src/lib/images.ts SQUARE_WIDTHS): sharp at 32 CSS pixels on 2×. */
const SMALL_SQUARE = 64
