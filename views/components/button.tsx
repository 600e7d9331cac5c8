import type { Child } from 'hono/jsx'

type ButtonProps = {
  children: Child
  variant?: 'primary' | 'secondary' | 'link' | 'danger'
  type?: 'submit' | 'button'
  name?: string
  value?: string
}

export function Button({
  children,
  variant = 'primary',
  type = 'submit',
  name,
  value,
}: ButtonProps) {
  return (
    <button type={type} class={`button button--${variant}`} name={name} value={value}>
      {children}
    </button>
  )
}
