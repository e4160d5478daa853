// Signing in through the browser: password, setting up the authenticator app (QR code and key),
// recovery codes, the code on later sign-ins, signing out; errors announced in the error summary;
// cookies that scripts and other sites cannot use; forms that cannot be forged.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { axeViolations, demoSignIn, newPage, totp, useBrowser, watchForErrors } from './browser_util.mjs'

const base = process.env.CONFIDE_URL
const screenshots = process.env.CONFIDE_SCREENSHOTS
const browser = useBrowser()


async function expectErrorSummary(page, href, text) {
  assert.match(await page.title(), /^Error: /)
  const summary = page.locator('.govuk-error-summary')
  await summary.waitFor()
  // GOV.UK Frontend moves focus to the summary, so screen readers announce it at once.
  await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'))
  const link = summary.locator(`a[href="${href}"]`)
  assert.match(await link.textContent(), text)
  assert.deepEqual(await axeViolations(page), [])
}

test('first sign-in: password, authenticator set-up, recovery codes, sign out, and back in with a recovery code', async () => {
  const dsl = demoSignIn('designated_safeguarding_lead')
  const page = await newPage(browser())
  const errors = watchForErrors(page)
  await page.goto(`${base}/sign-in`)

  // Nothing entered: both fields named in the error summary.
  await page.click('button[type="submit"]')
  await expectErrorSummary(page, '#email', /Enter your email address/)
  assert.equal(await page.locator('a[href="#password"]').textContent(), 'Enter your password')
  if (screenshots) await page.screenshot({ path: join(screenshots, 'sign-in-errors.png'), fullPage: true })

  // A wrong password: the same words whatever was wrong, and the email kept.
  await page.fill('#email', dsl.email)
  await page.fill('#password', 'not-the-password')
  await page.click('button[type="submit"]')
  await expectErrorSummary(page, '#email', /email address or password is not right/i)
  assert.equal(await page.inputValue('#email'), dsl.email)
  assert.equal(await page.inputValue('#password'), '', 'a password is never sent back')

  await page.fill('#password', dsl.password)
  await page.click('button[type="submit"]')
  await page.waitForURL(`${base}/sign-in/set-up-authenticator`)
  assert.equal(await page.textContent('h1'), 'Set up your authenticator app')
  assert.equal(await page.getAttribute('.confide-qr svg', 'role'), 'img')
  await page.click('summary:has-text("I cannot scan the QR code")')
  const secret = (await page.textContent('#secret')).trim()
  assert.match(secret, /^[A-Z2-7]{16,}$/)
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'set-up-authenticator.png'), fullPage: true })

  // A wrong code: an error, and the same key again (the person may already have scanned it).
  await page.fill('#code', '000000')
  await page.click('button[type="submit"]')
  await expectErrorSummary(page, '#code', /code/i)
  await page.click('summary:has-text("I cannot scan the QR code")')
  assert.equal((await page.textContent('#secret')).trim(), secret)

  await page.fill('#code', totp(secret))
  await page.click('button[type="submit"]')
  assert.equal(await page.textContent('h1'), 'Your authenticator app is set up')
  const codes = (await page.locator('#recovery-codes code').allTextContents()).map((c) => c.trim())
  assert.equal(codes.length, 10)
  assert.deepEqual(await axeViolations(page), [])

  await page.click('a.govuk-button:has-text("Continue")')
  await page.waitForURL(`${base}/`)
  assert.equal(await page.textContent('h1'), 'My caseload')
  assert.deepEqual(await axeViolations(page), [])

  // The cookies: the session and form tokens are out of reach of scripts and of other sites.
  const cookies = await page.context().cookies()
  for (const name of ['__Host-confide_session', '__Host-confide_csrf']) {
    const c = cookies.find((x) => x.name === name)
    assert.ok(c, `${name} is set`)
    assert.equal(c.httpOnly, true, name)
    assert.equal(c.secure, true, name)
    assert.equal(c.sameSite, 'Strict', name)
    assert.equal(c.path, '/', name)
  }
  assert.equal(await page.evaluate(() => document.cookie), '')

  // A form without the page's token is refused, and changes nothing.
  const forged = await page.request.post(`${base}/sign-out`, { form: { csrf_token: 'A'.repeat(43) } })
  assert.equal(forged.status(), 403)
  await page.goto(`${base}/`)
  assert.equal(await page.textContent('h1'), 'My caseload')

  await page.click('nav button:has-text("Sign out")')
  await page.waitForURL(`${base}/sign-in?signed_out=1`)
  assert.match(await page.textContent('.govuk-notification-banner'), /You have signed out/)
  await page.goto(`${base}/`)
  assert.equal(new URL(page.url()).pathname, '/sign-in', 'signed out means signed out')

  // Signing in again asks for a code; a recovery code will do, once.
  await page.fill('#email', dsl.email)
  await page.fill('#password', dsl.password)
  await page.click('button[type="submit"]')
  await page.waitForURL(`${base}/sign-in/code`)
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'sign-in-code.png'), fullPage: true })
  await page.fill('#code', codes[0])
  await page.click('button[type="submit"]')
  await page.waitForURL(`${base}/`)
  assert.equal(await page.textContent('h1'), 'My caseload')
  assert.deepEqual(errors, [])
  await page.context().close()
})

test('the steps after the password cannot be reached without it', async () => {
  const page = await newPage(browser())
  for (const path of ['/', '/sign-in/code', '/sign-in/set-up-authenticator', '/sign-in/change-password']) {
    await page.goto(`${base}${path}`)
    assert.equal(new URL(page.url()).pathname, '/sign-in', path)
  }
  // A sign-in form from another page (no sign-in token) is refused.
  const forged = await page.request.post(`${base}/sign-in`, { form: { email: 'x@example.org', password: 'y', csrf_token: 'B'.repeat(43) } })
  assert.equal(forged.status(), 403)
  await page.context().close()
})
