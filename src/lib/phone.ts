/** Phone numbers as people type them: digits, spaces, dashes, dots, brackets, a leading +. */
export const PHONE_PATTERN = /^\+?[\d\s().-]{6,24}$/

export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '')
}

/** The tel: link for a typed number, keeping a leading + for international dialling. */
export function telHref(phone: string): string {
  return `tel:${phone.trim().startsWith('+') ? '+' : ''}${phoneDigits(phone)}`
}

/** WhatsApp's click-to-chat link; it needs the full international number without the +. */
export function whatsappHref(phone: string): string {
  return `https://wa.me/${phoneDigits(phone)}`
}
