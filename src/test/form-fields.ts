// What a browser would submit from a form on a parsed page, untouched: every named input (hidden
// ones too), checked radios and checkboxes only, textareas, and the selected option of selects.
// Tests and benchmarks post it back, changing only what the person would.

/** A form's fields by name, as the browser would send them. */
export function formFields(form: Element): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const input of form.querySelectorAll('input')) {
    const name = input.getAttribute('name')
    const type = input.getAttribute('type') ?? 'text'
    if (!name || type === 'submit' || type === 'button') continue
    if ((type === 'radio' || type === 'checkbox') && !input.hasAttribute('checked')) continue
    fields[name] = input.getAttribute('value') ?? (type === 'checkbox' ? 'on' : '')
  }
  for (const textarea of form.querySelectorAll('textarea')) {
    const name = textarea.getAttribute('name')
    if (name) fields[name] = textarea.textContent ?? ''
  }
  for (const select of form.querySelectorAll('select')) {
    const name = select.getAttribute('name')
    if (name) fields[name] = select.querySelector('option[selected]')?.getAttribute('value') ?? ''
  }
  return fields
}
