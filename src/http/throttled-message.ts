/** "Too many attempts. Try again in 12 minutes." — rounded up, never "0 minutes". */
export function throttledMessage(now: Date, retryAt: Date): string {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000))
  return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`
}
