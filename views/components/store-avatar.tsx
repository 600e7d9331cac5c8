import { squareWidths } from '../../src/lib/images'
import type { StoreAvatar as Avatar } from '../../src/models/store'
import { initial } from './initial'
import { imageVariantUrl } from './picture'

type StoreAvatarProps = { avatar: Avatar | null; name: string; class?: string }

/**
 * A store's face at the size of a line of text (cards, the seller line): its smallest square crop
 * as one WebP, a few hundred bytes, or its initial in a circle. Decorative: the store's name is
 * always written beside it.
 */
export function StoreAvatar({ avatar, name, class: className }: StoreAvatarProps) {
  const classes = className ? `store-avatar ${className}` : 'store-avatar'
  if (!avatar)
    return (
      <span class={`${classes} store-avatar--none`} aria-hidden="true">
        {initial(name)}
      </span>
    )
  // A photo too small for square crops is drawn from its smallest variant, cropped by CSS.
  const square = squareWidths(avatar.width, avatar.height).length > 0
  return (
    <img
      class={classes}
      src={imageVariantUrl(avatar, square ? SMALL_SQUARE : 160, 'webp', square)}
      alt=""
      width="32"
      height="32"
      loading="lazy"
      decoding="async"
    />
  )
}

/** The smallest square crop (src/lib/images.ts SQUARE_WIDTHS): sharp at 32 CSS pixels on 2×. */
const SMALL_SQUARE = 64
