// A practitioner's pages: the caseload, a child's overview, finding a person; and a member of staff
// without a need to know reaching a child's page by its address sees the same page as for a child
// who does not exist.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { axeViolations, demoSignIn, newPage, signIn, useBrowser, watchForErrors } from './browser_util.mjs'

const base = process.env.CONFIDE_URL
const screenshots = process.env.CONFIDE_SCREENSHOTS
const browser = useBrowser()
let childPath // a child on the social worker's caseload, for the test of someone without access


test('a social worker sees their caseload, opens a child, and finds the child again by NHS number', async () => {
  const page = await newPage(browser())
  const errors = watchForErrors(page)
  await signIn(page, base, demoSignIn('social_worker'))
  assert.equal(await page.textContent('h1'), 'My caseload')
  assert.equal(await page.getAttribute('.govuk-service-navigation__item--active a', 'href'), '/')
  const links = page.locator('table.govuk-table a[href^="/children/"]')
  assert.ok((await links.count()) > 0, 'the demo allocates children to its social workers')
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'caseload.png'), fullPage: true })

  const name = (await links.first().textContent()).trim()
  childPath = await links.first().getAttribute('href')
  await links.first().click()
  await page.waitForURL(`${base}${childPath}`)
  assert.equal(await page.textContent('h1'), name)
  assert.equal(await page.title(), `${name} – Confide`)
  assert.ok(await page.isVisible('text=People around the child'))
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'child-overview.png'), fullPage: true })
  const nhs = (await page.locator('.govuk-summary-list__row:has-text("NHS number") dd').textContent()).trim()
  assert.match(nhs, /^\d{3} \d{3} \d{4}$/)

  // Nothing entered: the error summary names both ways to search.
  await page.click('a:has-text("Find a person")')
  await page.waitForURL(`${base}/search`)
  await page.click('button:has-text("Search")')
  assert.match(await page.title(), /^Error: /)
  await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'))
  assert.match(await page.textContent('.govuk-error-summary'), /Enter a family name, or an NHS number/)
  assert.match(await page.textContent('.govuk-error-summary'), /Enter a date of birth/)
  assert.deepEqual(await axeViolations(page), [])

  await page.fill('#nhs_number', nhs)
  await page.click('button:has-text("Search")')
  const result = page.locator(`#results ~ table a[href="${childPath}"]`)
  assert.equal(await result.textContent(), name)
  assert.equal(new URL(page.url()).search, '', 'a search puts nothing in the address')
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'find-a-person.png'), fullPage: true })
  assert.deepEqual(errors, [])
  await page.context().close()
})

test('a practitioner not allocated to the child cannot reach it by its address', async () => {
  assert.ok(childPath, 'the caseload test found a child')
  const page = await newPage(browser())
  await signIn(page, base, demoSignIn('practitioner', 1))
  const denied = await page.goto(`${base}${childPath}`)
  assert.equal(denied.status(), 404)
  assert.equal(await page.textContent('h1'), 'You cannot see this page')
  for (const more of ['/chronology', '/concerns/new', '/notes/new', '/access-log']) {
    const r = await page.goto(`${base}${childPath}${more}`)
    assert.equal(r.status(), 404, more)
  }
  await page.context().close()
})

test('an auditor reaching a child by address sees what they would see for a child that does not exist', async () => {
  assert.ok(childPath, 'the caseload test found a child')
  const page = await newPage(browser())
  await signIn(page, base, demoSignIn('auditor'))
  const denied = await page.goto(`${base}${childPath}`)
  assert.equal(denied.status(), 404)
  const deniedText = await page.textContent('main')
  assert.equal(await page.textContent('h1'), 'You cannot see this page')
  const missing = await page.goto(`${base}/children/987654321`)
  assert.equal(missing.status(), 404)
  assert.equal(await page.textContent('main'), deniedText)
  assert.deepEqual(await axeViolations(page), [])
  await page.context().close()
})
