// Confide's only script, loaded from /assets (the Content-Security-Policy allows no inline script).
// Pages work without it: it only enhances GOV.UK Frontend components that need JavaScript.
document.body.classList.add('js-enabled')
if ('noModule' in HTMLScriptElement.prototype) {
  document.body.classList.add('govuk-frontend-supported')
  window.GOVUKFrontend.initAll()
}
