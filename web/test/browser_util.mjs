// Shared by the browser tests: the browser, axe-core with the WCAG 2.2 A/AA rules, and a page's
// script errors and failed requests.
import { createHmac } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { after, before } from 'node:test'

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
    if (m.type() !== 'error') return
    // A form page with errors is itself a 4xx; the tests check those statuses where they expect them.
    const ownStatus = m.text().startsWith('Failed to load resource') && m.location().url === page.url()
    if (!ownStatus) errors.push(`console: ${m.text()}`)
  })
  page.on('requestfailed', (r) => {
    // Leaving a page cancels what it was still loading (the icon, say): not a failure.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`)
  })
  return errors
}

// A demo sign-in by role, from the demo loader's output (run.sh passes its path).
// `nth` picks among several of the role (0 is the first).
export function demoSignIn(role, nth = 0) {
  const demo = JSON.parse(readFileSync(process.env.CONFIDE_DEMO, 'utf8'))
  const found = demo.sign_ins.filter((s) => s.role === role)[nth]
  if (!found) throw new Error(`the demo has no ${role}`)
  return found
}

// The RFC 6238 code (SHA-1, 6 digits, 30 s) an authenticator app would show for a base32 secret,
// computed with Node's HMAC.
export function totp(secretBase32, when = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of secretBase32.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0')
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)))
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(when / 1000 / 30)))
  const mac = createHmac('sha1', key).update(counter).digest()
  const offset = mac[mac.length - 1] & 0x0f
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
}

// Where a person's authenticator secret is kept once a test has set it up, so that another test
// file (another process) can sign them in again.
function secretFile(who) {
  return join(dirname(process.env.CONFIDE_DEMO), `totp-${who.staff_id}.txt`)
}

// Signs `who` (a demo sign-in) in through the pages, setting up the authenticator app on a first
// sign-in, and returns to the home page. A person another test has already signed in gives a code
// from the secret that test kept; a code cannot be used twice, so when the server refuses one
// (another sign-in of theirs used it) the next 30-second step's code is tried.
export async function signIn(page, base, who) {
  await page.goto(`${base}/sign-in`)
  await page.fill('#email', who.email)
  await page.fill('#password', who.password)
  await page.click('button[type="submit"]')
  await page.waitForURL((url) => url.pathname !== '/sign-in')
  const path = new URL(page.url()).pathname
  if (path === '/sign-in/set-up-authenticator') {
    await page.click('summary:has-text("I cannot scan the QR code")')
    const secret = (await page.textContent('#secret')).trim()
    await page.fill('#code', totp(secret))
    await page.click('button[type="submit"]')
    writeFileSync(secretFile(who), secret)
    await page.click('a.govuk-button:has-text("Continue")')
  } else if (path === '/sign-in/code') {
    if (!existsSync(secretFile(who))) throw new Error(`${who.email} has an authenticator no test set up`)
    const secret = readFileSync(secretFile(who), 'utf8')
    for (let attempt = 0; attempt < 3 && new URL(page.url()).pathname === '/sign-in/code'; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 500))
      await page.fill('#code', totp(secret))
      await page.click('button[type="submit"]')
      await page.waitForLoadState()
    }
  }
  await page.waitForURL(`${base}/`)
}

// Opens the browser before a test file's tests and closes it after; returns a getter for it.
export function useBrowser() {
  let browser
  before(async () => {
    browser = await openBrowser()
  })
  after(async () => {
    await browser?.close()
  })
  return () => browser
}

// Keyboard only: presses Tab until `selector` has the focus (failing after 80 presses).
export async function tabTo(page, selector) {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel), selector)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${selector}`)
}

// Keyboard only: tabs to a field and types into it.
export async function typeInto(page, selector, text) {
  await tabTo(page, selector)
  await page.keyboard.type(text)
}
