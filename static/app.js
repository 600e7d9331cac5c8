// @ts-check
// Souk's own script: small enhancements only. Every page works without it.

// After a failed submit, move focus to the summary of problems so screen readers announce it.
function focusFormErrors() {
  const summary = document.querySelector('.form-errors')
  if (summary instanceof HTMLElement) summary.focus()
}

document.addEventListener('DOMContentLoaded', focusFormErrors)
document.addEventListener('htmx:after:settle', focusFormErrors)
