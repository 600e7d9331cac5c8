// @ts-check
// Souk's own script: small enhancements only. Every page works without it.

// After a failed submit, move focus to the summary of problems so screen readers announce it.
function focusFormErrors() {
  const summary = document.querySelector('.form-errors')
  if (summary instanceof HTMLElement) summary.focus()
}

document.addEventListener('DOMContentLoaded', focusFormErrors)
document.addEventListener('htmx:after:settle', focusFormErrors)

// "Use my current location" fills a storefront's map point. The button stays hidden without
// JavaScript (or geolocation), where the fields are typed by hand.
function enableLocateButtons() {
  for (const button of document.querySelectorAll('button[data-locate]')) {
    if (!(button instanceof HTMLButtonElement) || !('geolocation' in navigator)) continue
    const form = button.form
    if (!form) continue
    button.hidden = false
    button.onclick = () => {
      button.disabled = true
      navigator.geolocation.getCurrentPosition(
        (position) => {
          const fields = form.elements
          const latitude = fields.namedItem('latitude')
          const longitude = fields.namedItem('longitude')
          if (latitude instanceof HTMLInputElement)
            latitude.value = position.coords.latitude.toFixed(5)
          if (longitude instanceof HTMLInputElement)
            longitude.value = position.coords.longitude.toFixed(5)
          button.disabled = false
        },
        () => {
          button.disabled = false
          button.textContent = 'Location unavailable — type it instead'
        },
        { timeout: 10000 },
      )
    }
  }
}

document.addEventListener('DOMContentLoaded', enableLocateButtons)
document.addEventListener('htmx:after:settle', enableLocateButtons)
