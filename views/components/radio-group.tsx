import type { Child } from 'hono/jsx'
import { describedByIds } from './field'

export type RadioChoice = { value: string; label: Child; hint?: Child }

type RadioGroupProps = {
  legend: string
  name: string
  choices: readonly RadioChoice[]
  value?: string | undefined
  hint?: string
  error?: string | undefined
  required?: boolean
}

/**
 * One choice among a few, all visible: labelled radios in a fieldset whose legend names it, with
 * the hint and error under the legend (`field-${name}-error`, like every other field's) so a
 * screen reader hears them with the group. A single choice comes already chosen.
 */
export function RadioGroup({
  legend,
  name,
  choices,
  value,
  hint,
  error,
  required,
}: RadioGroupProps) {
  const id = `field-${name}`
  const describedBy = describedByIds(id, { hint, error })
  return (
    <fieldset
      id={id}
      class={error ? 'field radio-group field--invalid' : 'field radio-group'}
      aria-describedby={describedBy}
    >
      <legend>{legend}</legend>
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
      {choices.map((choice) => {
        const choiceId = `${id}-${choice.value}`
        // The choice's hint under its label, like a checkbox's (beside it, it ran into the label).
        return (
          <div class="checkbox">
            <input
              type="radio"
              id={choiceId}
              name={name}
              value={choice.value}
              checked={value === choice.value || (choices.length === 1 && !value)}
              required={required}
              aria-describedby={choice.hint ? `${choiceId}-hint` : undefined}
            />
            <label for={choiceId}>{choice.label}</label>
            {choice.hint ? (
              <p class="field__hint" id={`${choiceId}-hint`}>
                {choice.hint}
              </p>
            ) : null}
          </div>
        )
      })}
    </fieldset>
  )
}
