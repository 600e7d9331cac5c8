import type { Child } from 'hono/jsx'

type EmptyStateProps = {
  /** What is missing, said plainly: "Your cart is empty". */
  title: string
  /** Why, or what happens next; and the way on from here (a link or a form), never roadmap text. */
  children?: Child
}

/** Where a list would be: what is not here yet and the one thing to do about it. */
export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <div class="empty">
      <p class="empty__title">{title}</p>
      {children}
    </div>
  )
}
