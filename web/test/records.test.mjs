// A child's chronology with its filters, a record's page with its versions, and adding a case note.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { axeViolations, demoSignIn, newPage, signIn, useBrowser, watchForErrors } from './browser_util.mjs'

const base = process.env.CONFIDE_URL
const screenshots = process.env.CONFIDE_SCREENSHOTS
const browser = useBrowser()


test('the chronology filters by kind, and an amended record shows every version', async () => {
  const page = await newPage(browser())
  const errors = watchForErrors(page)
  await signIn(page, base, demoSignIn('deputy_safeguarding_lead'))
  // Find a child with an amended record: search the demo's children from the DSL's view.
  let found = null
  for (let id = 1; id <= 60 && !found; id++) {
    const response = await page.goto(`${base}/children/${id}/chronology`)
    if (response.status() !== 200) continue
    if ((await page.locator('td:has-text("(amended)")').count()) > 0) found = id
  }
  assert.ok(found, 'the demo has amended records')
  assert.equal(await page.textContent('h1'), 'Chronology')
  const all = await page.locator('tbody tr').count()
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'chronology.png'), fullPage: true })

  // Only safeguarding concerns: fewer rows, each a concern.
  await page.click('summary:has-text("Filter the chronology")')
  await page.check('#kind_safeguarding_concern')
  await page.click('button:has-text("Apply filters")')
  await page.waitForURL(/kind_safeguarding_concern=yes/)
  const kinds = await page.locator('tbody tr td:nth-child(3)').allTextContents()
  assert.ok(kinds.length < all, 'the filter removed something')
  for (const k of kinds) assert.equal(k, 'Safeguarding concern')
  assert.equal(await page.isChecked('#kind_safeguarding_concern'), true, 'the filter is shown as applied')

  // A date that is not a date: the error summary says so.
  await page.goto(`${base}/children/${found}/chronology?from_day=31&from_month=2&from_year=2025`)
  assert.match(await page.textContent('.govuk-error-summary'), /must be a real date/)
  assert.deepEqual(await axeViolations(page), [])

  await page.goto(`${base}/children/${found}/chronology`)
  const amended = page.locator('tr:has(td:has-text("(amended)")) a').first()
  const summary = (await amended.textContent()).trim()
  await amended.click()
  await page.waitForURL(/\/records\/\d+$/)
  assert.equal(await page.textContent('h1'), summary)
  const versions = page.locator('#versions li')
  assert.ok((await versions.count()) >= 2)
  assert.match(await page.textContent('.govuk-summary-list'), /signature checked/)
  assert.match(await page.textContent('.govuk-summary-list'), /Why it was amended/)
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'record-versions.png'), fullPage: true })

  await versions.first().locator('a').click()
  await page.waitForURL(/\?version=1$/)
  assert.match(await page.textContent('.govuk-inset-text'), /This is version 1, not the current one/)
  assert.doesNotMatch(await page.textContent('.govuk-summary-list'), /Why it was amended/)
  assert.deepEqual(await axeViolations(page), [])
  // A version that does not exist reads like a record that does not exist.
  const missing = await page.goto(`${page.url().replace(/\?version=1$/, '')}?version=999`)
  assert.equal(missing.status(), 404)
  assert.equal(await page.textContent('h1'), 'You cannot see this page')

  // A case note: every missing answer named, then saved and in the chronology.
  await page.goto(`${base}/children/${found}/notes/new`)
  assert.equal(await page.textContent('h1'), 'Add a case note')
  await page.click('button:has-text("Save the case note")')
  const summaryText = await page.textContent('.govuk-error-summary')
  for (const m of [/Enter when it happened/, /Enter a summary/, /Enter the note/]) assert.match(summaryText, m)
  assert.deepEqual(await axeViolations(page), [])
  await page.fill('#when_day', '1')
  await page.fill('#when_month', '12')
  await page.fill('#when_year', '2026')
  await page.fill('#when_hour', '15')
  await page.fill('#when_minute', '5')
  await page.fill('#summary', 'Phone call with school: attendance improving')
  await page.fill('#text', 'The head of year said attendance was 92% this half term, up from 80%.')
  await page.click('button:has-text("Save the case note")')
  await page.waitForURL(/\/records\/\d+$/)
  assert.equal(await page.textContent('h1'), 'Phone call with school: attendance improving')
  assert.match(await page.textContent('.govuk-summary-list'), /1 December 2026, 15:05/)
  assert.match(await page.textContent('.govuk-summary-list'), /General/)
  const note = new URL(page.url()).pathname
  await page.goto(`${base}/children/${found}/chronology?kind_case_note=yes`)
  assert.equal(await page.locator(`a[href="${note}"]`).count(), 1)
  assert.deepEqual(errors, [])
  await page.context().close()
})
