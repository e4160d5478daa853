// The record of processing activities in the browser: the data protection officer opens it from
// their home page and finds its sections, the demo directory's police force among the recipients
// and the 75-year class in the retention schedule; the downloads are attachments named with the
// day, the JSON in the record's format and the text the readable document; an agreement's review
// on the deadlines page leads to it. An administrator (no recipient.read) cannot see it.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { axeViolations, demoSignIn, newPage, signIn, useBrowser, watchForErrors } from './browser_util.mjs'

const base = process.env.CONFIDE_URL
const screenshots = process.env.CONFIDE_SCREENSHOTS
const browser = useBrowser()

test('the data protection officer reads the record of processing and downloads it', async () => {
  const page = await newPage(browser())
  const errors = watchForErrors(page)

  await signIn(page, base, demoSignIn('data_protection_officer'))
  await page.click('a:has-text("Record of processing activities")')
  await page.waitForURL(`${base}/record-of-processing`)
  assert.equal(await page.textContent('h1'), 'Record of processing activities')
  assert.equal(await page.textContent('h2#purposes'), 'Purposes of processing')
  assert.equal(await page.textContent('h2#recipients'), 'Recipients')
  assert.equal(await page.textContent('h2#agreements'), 'Information-sharing agreements')
  assert.equal(await page.textContent('h2#retention'), 'Retention')
  assert.equal(await page.textContent('h2#security'), 'Security measures')
  // The DPO may see staff, so the record names the data protection officer.
  assert.doesNotMatch(await page.textContent('#controller-details'), /privacy notice/)
  assert.match(await page.textContent('#recipient-police'), /Northshire Police/)
  const agreement = page.locator('.govuk-summary-card', { hasText: 'Northshire Safeguarding Children Partnership' })
  assert.equal(await agreement.count(), 1)
  assert.match(await agreement.textContent(), /Northshire Police/)
  const lookedAfter = await page.textContent('#retention-looked_after_child')
  assert.match(lookedAfter, /Looked-after child's case record/)
  assert.match(lookedAfter, /75 years after the date of birth/)
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'ropa.png'), fullPage: true })

  // The files, through the page's own links.
  const jsonHref = await page.getAttribute('a:has-text("Download as JSON")', 'href')
  const json = await page.request.get(`${base}${jsonHref}`)
  assert.equal(json.status(), 200)
  assert.match(json.headers()['content-type'], /^application\/json/)
  assert.match(json.headers()['content-disposition'], /^attachment; filename="record-of-processing-\d{4}-\d{2}-\d{2}\.json"$/)
  const record = JSON.parse(await json.text())
  assert.equal(record.format, 'confide-record-of-processing/1')
  assert.ok(record.recipients.some((r) => r.organisations.includes('Northshire Police')), 'the police force is a recipient')
  assert.ok(record.retention.some((c) => c.id === 'looked_after_child' && c.years === 75), 'the 75-year class is in the schedule')

  const textHref = await page.getAttribute('a:has-text("Download as text")', 'href')
  const text = await page.request.get(`${base}${textHref}`)
  assert.equal(text.status(), 200)
  assert.match(text.headers()['content-type'], /^text\/plain/)
  assert.match(text.headers()['content-disposition'], /^attachment; filename="record-of-processing-\d{4}-\d{2}-\d{2}\.txt"$/)
  assert.match(await text.text(), /^RECORD OF PROCESSING ACTIVITIES/)

  // The demo agreement's review (65 days away when the demo was loaded) leads to the record.
  await page.goto(`${base}/deadlines?within=365`)
  await page.click('#deadlines a[href="/record-of-processing#agreements"]')
  await page.waitForURL(`${base}/record-of-processing#agreements`)
  assert.deepEqual(errors, [])
  await page.close()
})

test('an administrator cannot see the record of processing', async () => {
  const page = await newPage(browser())
  await signIn(page, base, demoSignIn('administrator'))
  for (const path of ['/record-of-processing', '/record-of-processing.json', '/record-of-processing.txt']) {
    const r = await page.goto(`${base}${path}`)
    assert.equal(r.status(), 404, path)
    assert.equal(await page.textContent('h1'), 'You cannot see this page', path)
  }
  assert.deepEqual(await axeViolations(page), [])
  await page.close()
})
