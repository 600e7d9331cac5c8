import { describedByIds } from './field'

type CheckboxProps = {
  label: string
  name: string
  /** What the box sends when ticked; boxes that share a name (a list) each have their own. */
  value?: string
  checked?: boolean
  hint?: string
  error?: string | undefined
}

/** A labelled checkbox; the whole label is the touch target. */
export function Checkbox({ label, name, value, checked, hint, error }: CheckboxProps) {
  const id = value ? `field-${name}-${value}` : `field-${name}`
  const describedBy = describedByIds(id, { hint, error })
  return (
    <div class="checkbox">
      <input
        type="checkbox"
        id={id}
        name={name}
        value={value ?? 'on'}
        checked={checked}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      <label for={id}>{label}</label>
      {hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  )
}
