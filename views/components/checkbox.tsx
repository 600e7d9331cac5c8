type CheckboxProps = { label: string; name: string; checked?: boolean; hint?: string }

/** A labelled checkbox; the whole label is the touch target. */
export function Checkbox({ label, name, checked, hint }: CheckboxProps) {
  const id = `field-${name}`
  return (
    <div class="checkbox">
      <input
        type="checkbox"
        id={id}
        name={name}
        value="on"
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label for={id}>{label}</label>
      {hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  )
}
