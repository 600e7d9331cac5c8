/** A listing's life: draft → published ↔ paused → archived (archived is for good). */
export type ListingStatus = 'draft' | 'published' | 'paused' | 'archived'
export type ListingAction = 'publish' | 'pause' | 'archive'

const NEXT: Record<ListingAction, { from: ListingStatus[]; to: ListingStatus }> = {
  publish: { from: ['draft', 'paused'], to: 'published' },
  pause: { from: ['published'], to: 'paused' },
  archive: { from: ['draft', 'published', 'paused'], to: 'archived' },
}

/** The status after `action`, or null when the action makes no sense from `status`. */
export function nextStatus(status: ListingStatus, action: ListingAction): ListingStatus | null {
  const rule = NEXT[action]
  return rule.from.includes(status) ? rule.to : null
}

/** Whether buyers can see and order it. */
export function isOnSale(status: ListingStatus): boolean {
  return status === 'published'
}
