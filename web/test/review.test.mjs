// Access reviews and the audit log in the browser: the data protection officer reads a child's
// access log, their own access history and the audit log's signed head, and verifies the log; a
// key person may read none of the audit pages.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { axeViolations, demoSignIn, newPage, signIn, useBrowser, watchForErrors } from './browser_util.mjs'

const base = process.env.CONFIDE_URL
const screenshots = process.env.CONFIDE_SCREENSHOTS
const browser = useBrowser()

test('the data protection officer reviews access and verifies the audit log', async () => {
  const page = await newPage(browser())
  const errors = watchForErrors(page)
  await signIn(page, base, demoSignIn('data_protection_officer'))

  await page.click('a:has-text("My access history")')
  await page.waitForURL(`${base}/my-access`)
  assert.equal(await page.textContent('h1'), 'My access history')
  assert.ok((await page.locator('table.confide-access-log tbody tr').count()) > 0, 'signing in is on the record')
  assert.deepEqual(await axeViolations(page), [])

  let child = 0
  for (let id = 1; id <= 40 && !child; id++) {
    const r = await page.goto(`${base}/children/${id}/access-log`)
    if (r.status() === 200) child = id
  }
  assert.ok(child, 'the data protection officer may read a child\'s access log')
  assert.equal(await page.textContent('h1'), 'Access log')
  assert.ok((await page.locator('table.confide-access-log tbody tr').count()) > 0, 'the demo loader\'s writes are on the record')
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'access-log.png'), fullPage: true })

  await page.goto(`${base}/audit`)
  assert.equal(await page.textContent('h1'), 'Audit log')
  const size = Number((await page.locator('.govuk-summary-list__row:has-text("Entries") dd').textContent()).trim())
  assert.ok(size > 1000)
  await page.click('button:has-text("Verify the whole log now")')
  await page.waitForURL(`${base}/audit/verify`)
  assert.match(await page.textContent('.govuk-notification-banner'), /The audit log verifies/)
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'audit.png'), fullPage: true })
  assert.deepEqual(errors, [])
  await page.context().close()
})

test('a key person may not read the audit log or a child\'s access log', async () => {
  const page = await newPage(browser())
  await signIn(page, base, demoSignIn('key_person'))
  for (const path of ['/audit', '/children/1/access-log']) {
    const r = await page.goto(`${base}${path}`)
    assert.equal(r.status(), 404, path)
    assert.equal(await page.textContent('h1'), 'You cannot see this page', path)
  }
  // Their own history is theirs to see.
  const mine = await page.goto(`${base}/my-access`)
  assert.equal(mine.status(), 200)
  await page.context().close()
})
