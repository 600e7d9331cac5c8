import type { Flash as FlashMessage } from '../../src/http/flash'

export function Flash({ flash }: { flash: FlashMessage | null }) {
  if (!flash) return null
  return (
    <p class={`flash flash--${flash.kind}`} role={flash.kind === 'alert' ? 'alert' : 'status'}>
      {flash.message}
    </p>
  )
}
