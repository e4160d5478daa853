// Confide's only script, loaded from /assets (the Content-Security-Policy allows no inline script).
// Pages work without it: it only enhances GOV.UK Frontend components that need JavaScript, and
// warns before a signed-in session ends for inactivity (the server ends it either way).
document.body.classList.add('js-enabled')
if ('noModule' in HTMLScriptElement.prototype) {
  document.body.classList.add('govuk-frontend-supported')
  window.GOVUKFrontend.initAll()
}

// The inactivity warning: shown two minutes before the session would end (or half-way, for a short
// timeout), as a modal dialog that takes the focus. "Stay signed in" asks the server, which counts
// it as activity; doing nothing ends at the sign-in page, which says why.
;(function () {
  const timeout = Number(document.body.dataset.idleTimeout)
  const dialog = document.getElementById('idle-warning')
  if (!timeout || !dialog || typeof dialog.showModal !== 'function') return
  const warnAfter = Math.max(timeout - 120, timeout / 2)
  const remaining = dialog.querySelector('.confide-timeout__remaining')
  let warnTimer, endTimer
  const schedule = () => {
    clearTimeout(warnTimer)
    clearTimeout(endTimer)
    warnTimer = setTimeout(warn, warnAfter * 1000)
    endTimer = setTimeout(() => window.location.assign('/sign-in?timed_out=1'), timeout * 1000)
  }
  const warn = () => {
    const seconds = Math.round(timeout - warnAfter)
    remaining.textContent = seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : `${seconds} seconds`
    dialog.showModal()
    document.getElementById('idle-stay').focus()
  }
  const stay = () => {
    fetch('/api/session', { credentials: 'same-origin', cache: 'no-store' }).then((r) => {
      if (!r.ok) window.location.assign('/sign-in?timed_out=1')
    })
    dialog.close()
    schedule()
  }
  document.getElementById('idle-stay').addEventListener('click', stay)
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault() // Escape means "stay", not "close and forget"
    stay()
  })
  schedule()
})()
