// The web interface in a real browser (Debian's chromium, driven by playwright-core): every page
// passes axe-core's WCAG 2.2 A and AA rules, runs under the strict Content-Security-Policy, works
// without JavaScript, and looks like the GOV.UK Design System in Arial. Run by run.sh, which starts
// `confide serve` on the demo organisation and sets CONFIDE_URL.
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { before, test } from 'node:test'

import { axeViolations, newPage, useBrowser, watchForErrors } from './browser_util.mjs'

const base = process.env.CONFIDE_URL
const screenshots = process.env.CONFIDE_SCREENSHOTS
const browser = useBrowser()

before(() => {
  assert.ok(base, 'CONFIDE_URL is not set: run web/test/run.sh')
  if (screenshots) mkdirSync(screenshots, { recursive: true })
})

test('the sign-in page: GOV.UK styles in Arial, the demo banner, scripts under the CSP, no accessibility violations', async () => {
  const page = await newPage(browser())
  const errors = watchForErrors(page)
  const response = await page.goto(`${base}/`)
  assert.equal(new URL(page.url()).pathname, '/sign-in', 'the home page sends a visitor who is not signed in to sign in')
  assert.equal(response.status(), 200)
  const csp = response.headers()['content-security-policy']
  assert.match(csp, /script-src 'self'/)
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/)
  assert.equal(response.headers()['cache-control'], 'no-store')
  assert.equal(await page.$$eval('script', (s) => s.filter((x) => !x.src).length), 0, 'no inline script')
  assert.match(await page.$eval('h1', (h) => getComputedStyle(h).fontFamily), /^arial/i)
  assert.equal(await page.$eval('h1', (h) => getComputedStyle(h).fontWeight), '700')
  // GOV.UK Frontend's script ran (it was allowed by the policy and found its components).
  await page.waitForFunction(() => document.body.classList.contains('govuk-frontend-supported'))
  assert.match(await page.textContent('.confide-demo-banner'), /Demo data/)
  assert.equal(await page.textContent('h1'), 'Sign in')
  assert.equal(await page.getAttribute('#email', 'autocomplete'), 'username')
  assert.equal(await page.getAttribute('#password', 'type'), 'password')
  assert.deepEqual(await axeViolations(page), [])
  assert.deepEqual(errors, [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'sign-in.png'), fullPage: true })
  await page.context().close()
})

test('pages work without JavaScript', async () => {
  const context = await browser().newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(`${base}/sign-in`)
  assert.equal(await page.isVisible('form[method="post"][action="/sign-in"]'), true)
  assert.equal(await page.isVisible('label[for="email"]'), true)
  assert.equal(await page.isVisible('button[type="submit"]'), true)
  assert.equal(await page.$eval('body', (b) => b.classList.contains('js-enabled')), false)
  await context.close()
})

test('the accessibility statement is one keyboard journey from every page, and passes axe', async () => {
  const page = await newPage(browser())
  const errors = watchForErrors(page)
  await page.goto(`${base}/sign-in`)
  // The skip link is the first thing the keyboard reaches.
  await page.keyboard.press('Tab')
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to main content')
  await page.focus('a[href="/accessibility"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(`${base}/accessibility`)
  assert.equal(await page.textContent('h1'), 'Accessibility statement for Confide')
  assert.equal(await page.title(), 'Accessibility statement – Confide')
  assert.deepEqual(await axeViolations(page), [])
  assert.deepEqual(errors, [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'accessibility-statement.png'), fullPage: true })
  await page.context().close()
})

test('static files are served with fingerprinted URLs, cached for ever, and revalidate', async () => {
  const page = await newPage(browser())
  await page.goto(`${base}/sign-in`)
  const css = await page.getAttribute('link[rel="stylesheet"]', 'href')
  assert.match(css, /^\/assets\/confide\.[0-9a-f]{12}\.css$/)
  const first = await page.request.get(`${base}${css}`)
  assert.equal(first.status(), 200)
  assert.equal(first.headers()['cache-control'], 'public, max-age=31536000, immutable')
  assert.match(first.headers()['content-type'], /^text\/css/)
  const again = await page.request.get(`${base}${css}`, { headers: { 'If-None-Match': first.headers().etag } })
  assert.equal(again.status(), 304)
  const missing = await page.request.get(`${base}/assets/confide.000000000000.css`)
  assert.equal(missing.status(), 404)
  await page.context().close()
})
