// Administration in the browser: an administrator adds a member of staff, records their training and
// sets a temporary password; the new starter signs in, sets up their authenticator app and chooses
// their own password; the administrator then changes their role and disables the account. Someone
// who is not an administrator cannot reach these pages.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { axeViolations, demoSignIn, newPage, signIn, totp, useBrowser, watchForErrors } from './browser_util.mjs'

const base = process.env.CONFIDE_URL
const screenshots = process.env.CONFIDE_SCREENSHOTS
const browser = useBrowser()

test('an administrator adds a new starter, who signs in and chooses their password; then the account is disabled', async () => {
  const page = await newPage(browser())
  const errors = watchForErrors(page)
  await signIn(page, base, demoSignIn('administrator'))
  await page.click('a:has-text("Staff administration")')
  await page.waitForURL(`${base}/admin/staff`)
  assert.equal(await page.textContent('h1'), 'Staff')
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'staff.png'), fullPage: true })

  await page.click('a:has-text("Add a member of staff")')
  await page.click('button:has-text("Add them")')
  const problems = await page.textContent('.govuk-error-summary')
  for (const m of [/Enter their full name/, /Enter their work email address/, /Enter their team/]) assert.match(problems, m)
  assert.deepEqual(await axeViolations(page), [])
  await page.fill('#name', 'Nia Newstarter')
  await page.fill('#email', 'nia.newstarter@example.org')
  await page.selectOption('#role', 'social_worker')
  await page.fill('#team', 'Assessment Team 2')
  await page.click('button:has-text("Add them")')
  await page.waitForURL(/\/admin\/staff\/\d+\?added=1$/)
  const staffPage = page.url().replace(/\?.*$/, '')
  assert.equal(await page.textContent('h1'), 'Nia Newstarter')
  assert.deepEqual(await axeViolations(page), [])

  await page.check('#course-confidentiality')
  await page.fill('#completed_day', '1')
  await page.fill('#completed_month', '9')
  await page.fill('#completed_year', '2026')
  await page.click('button:has-text("Record the training")')
  await page.waitForURL(/\?trained=1$/)
  // Confidentiality is refreshed yearly: without an expiry given, it lapses a year on.
  assert.match(await page.textContent('table'), /Confidentiality and data protection\s*1 September 2026\s*1 September 2027/)

  await page.fill('#password', 'password')
  await page.click('button:has-text("Set the temporary password")')
  assert.match(await page.textContent('.govuk-error-summary'), /password/i)
  const temporary = 'lantern-orchard-violet-2209'
  await page.fill('#password', temporary)
  await page.click('button:has-text("Set the temporary password")')
  await page.waitForURL(/\?password=1$/)
  if (screenshots) await page.screenshot({ path: join(screenshots, 'staff-member.png'), fullPage: true })

  // The new starter: password, authenticator, then their own password.
  const nia = await newPage(browser())
  await nia.goto(`${base}/sign-in`)
  await nia.fill('#email', 'nia.newstarter@example.org')
  await nia.fill('#password', temporary)
  await nia.click('button[type="submit"]')
  await nia.waitForURL(`${base}/sign-in/set-up-authenticator`)
  await nia.click('summary:has-text("I cannot scan the QR code")')
  await nia.fill('#code', totp((await nia.textContent('#secret')).trim()))
  await nia.click('button[type="submit"]')
  await nia.click('a.govuk-button:has-text("Continue")')
  await nia.waitForURL(`${base}/sign-in/change-password`)
  assert.equal(await nia.textContent('h1'), 'Choose your password')
  assert.deepEqual(await axeViolations(nia), [])
  await nia.fill('#current_password', temporary)
  await nia.fill('#new_password', 'password1')
  await nia.click('button:has-text("Save password")')
  assert.match(await nia.textContent('.govuk-error-summary'), /password/i)
  await nia.fill('#current_password', temporary)
  await nia.fill('#new_password', 'kettle-meadow-quartz-5581')
  await nia.click('button:has-text("Save password")')
  await nia.waitForURL(`${base}/`)
  assert.equal(await nia.textContent('h1'), 'My caseload')

  // Back to the administrator: a new role, and the account disabled, which ends Nia's session.
  await page.goto(staffPage)
  await page.selectOption('#role', 'key_person')
  await page.uncheck('#active')
  await page.click('button:has-text("Save role and team")')
  await page.waitForURL(/\?saved=1$/)
  await page.goto(`${base}/admin/staff`)
  assert.match(await page.textContent(`tr:has(a[href="${new URL(staffPage).pathname}"])`), /Key person[\s\S]*Disabled/)
  await nia.goto(`${base}/`)
  assert.equal(new URL(nia.url()).pathname, '/sign-in', 'disabling the account ended the session')
  assert.deepEqual(errors, [])
  await nia.context().close()
  await page.context().close()
})

test('someone who is not an administrator cannot reach the administration pages', async () => {
  const page = await newPage(browser())
  await signIn(page, base, demoSignIn('social_worker', 2))
  for (const path of ['/admin/staff', '/admin/staff/new', '/admin/staff/1']) {
    const r = await page.goto(`${base}${path}`)
    assert.equal(r.status(), 404, path)
    assert.equal(await page.textContent('h1'), 'You cannot see this page', path)
  }
  await page.context().close()
})
