// Shared by the browser tests: the browser, axe-core with the WCAG 2.2 A/AA rules, and a page's
// script errors and failed requests.
import { AxeBuilder } from '@axe-core/playwright'
import { chromium } from 'playwright-core'

export async function openBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    // The sandbox needs user namespaces that CI containers (running as root) do not give.
    args: ['--no-sandbox']
  })
}

// A page in a context of its own (axe-core needs one; it also keeps tests' cookies apart).
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options)
  return context.newPage()
}

// axe-core's violations of WCAG 2.0, 2.1 and 2.2 at levels A and AA, as "rule: target" strings so
// that a failure names what to fix.
export async function axeViolations(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze()
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))
}

// Collects script errors, console errors (a CSP refusal is one) and failed requests.
export function watchForErrors(page) {
  const errors = []
  page.on('pageerror', (e) => errors.push(`script error: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`)
  })
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`))
  return errors
}
