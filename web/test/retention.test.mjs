// Retention and secure destruction in the browser: the data protection officer finds the demo's
// care leaver awaiting review, approves destruction (a reason is required), places a legal hold on
// everyone and lifts it, destroys what is due and reads the signed certificate; the child's page no
// longer shows her name. A social worker cannot see any of it.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { axeViolations, demoSignIn, newPage, signIn, useBrowser, watchForErrors } from './browser_util.mjs'

const base = process.env.CONFIDE_URL
const screenshots = process.env.CONFIDE_SCREENSHOTS
const browser = useBrowser()

// The state tag of a person's row on the report.
async function stateOf(page, id) {
  return (await page.textContent(`#person-${id} .govuk-tag`)).trim()
}

test('the data protection officer reviews the care leaver, holds and releases, destroys and reads the certificate', async () => {
  const page = await newPage(browser())
  const errors = watchForErrors(page)
  await signIn(page, base, demoSignIn('data_protection_officer'))

  await page.click('a:has-text("Retention and destruction")')
  await page.waitForURL(`${base}/retention`)
  assert.equal(await page.textContent('h1'), 'Retention and destruction')
  assert.match(await page.textContent('main'), /Confide holds the records of \d+ people/)
  assert.deepEqual(await axeViolations(page), [])
  // The demo's care leaver, born in 1948: her looked-after child's record fell due on her 75th birthday.
  const row = page.locator('#retention-items tbody tr', { hasText: 'Awaiting review' })
  assert.equal(await row.count(), 1)
  const id = (await row.getAttribute('id')).replace('person-', '')
  assert.match(await row.textContent(), /Looked-after child's case record\s*14 May 2023\s*14 November 2022/)

  // Who she is: the child's page, linked from the report.
  await row.locator(`a[href="/children/${id}"]`).click()
  await page.waitForURL(`${base}/children/${id}`)
  const name = (await page.textContent('h1')).trim()
  assert.match(name, /Ashcombe/)
  await page.goBack()

  await page.click(`#person-${id} a:has-text("Review")`)
  await page.waitForURL(`${base}/retention/people/${id}`)
  assert.equal(await page.textContent('h1'), 'Retention review')
  assert.match(await page.textContent('#explanation'), /kept until 75 years after the date of birth/)
  assert.deepEqual(await axeViolations(page), [])

  // Nothing chosen, no reason: both named, and the page is a 400.
  const empty = await Promise.all([page.waitForNavigation(), page.click('button:has-text("Record the review")')])
  assert.equal(empty[0].status(), 400)
  assert.match(await page.title(), /^Error: /)
  const problems = await page.textContent('.govuk-error-summary')
  assert.match(problems, /Choose whether to destroy their records when due or keep them/)
  assert.match(problems, /Enter the reason for your decision/)
  assert.deepEqual(await axeViolations(page), [])
  // Keeping them needs the date to review them again.
  await page.check('#decision-retain')
  await page.fill('#reason', 'A request for her file may come')
  await page.click('button:has-text("Record the review")')
  assert.match(await page.textContent('.govuk-error-summary'), /Enter the date to review them again/)
  assert.equal(await page.inputValue('#reason'), 'A request for her file may come')

  await page.check('#decision-destroy')
  await page.fill('#reason', 'Past the 75th birthday; no inquiry, request or litigation concerns her records')
  await page.click('button:has-text("Record the review")')
  await page.waitForURL(`${base}/retention?reviewed=1`)
  assert.match(await page.textContent('.govuk-notification-banner'), /Review recorded/)
  assert.equal(await stateOf(page, id), 'Due')
  assert.match(await page.textContent('.govuk-warning-text'), /destroys for ever .* 1 person now/)
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'retention.png'), fullPage: true })

  // A moratorium on destruction: she is held, and nobody is due.
  await page.click('button:has-text("Place the hold")')
  assert.match(await page.textContent('.govuk-error-summary'), /Choose who the hold covers/)
  await page.check('#scope-everyone')
  await page.fill('#hold_reason', 'Independent inquiry into historic care: moratorium IICH-2026-01')
  await page.click('button:has-text("Place the hold")')
  await page.waitForURL(`${base}/retention?held=1#holds`)
  assert.equal(await stateOf(page, id), 'Held')
  const hold = page.locator('#holds + table tbody tr', { hasText: 'IICH-2026-01' })
  assert.equal(await hold.count(), 1)
  assert.equal(await page.locator('button:has-text("Destroy what is due")').count(), 0)
  assert.deepEqual(await axeViolations(page), [])

  await hold.locator('button:has-text("Lift")').click()
  await page.waitForURL(`${base}/retention?lifted=1#holds`)
  assert.equal(await stateOf(page, id), 'Due')

  await page.click('button:has-text("Destroy what is due")')
  await page.waitForURL(`${base}/retention/run`)
  assert.equal(await page.textContent('h1'), 'Records destroyed')
  const certificate = (await page.textContent('#certificate-id')).trim()
  assert.match(certificate, /^DC-\d{8}-[0-9a-f]{10}$/)
  assert.match(await page.textContent('main table'), new RegExp(`Child ${id}\\s*Looked-after child's case record`))
  assert.deepEqual(await axeViolations(page), [])

  await page.click('a:has-text("Destruction certificates")')
  await page.waitForURL(`${base}/retention/certificates`)
  const issued = page.locator('section', { has: page.locator(`h2:text-is("${certificate}")`) })
  assert.match(await issued.textContent(), /Signature verified/)
  assert.match(await issued.locator('table').textContent(), new RegExp(`Child ${id}`))
  assert.deepEqual(await axeViolations(page), [])

  // Gone from the report, and her name from her page.
  await page.goto(`${base}/retention`)
  assert.equal(await page.locator(`#person-${id}`).count(), 0)
  const gone = await page.goto(`${base}/children/${id}`)
  assert.equal(gone.status(), 410)
  assert.equal(await page.textContent('h1'), 'These records were destroyed')
  assert.ok(!(await page.textContent('body')).includes('Ashcombe'), 'her name is destroyed with her records')
  assert.deepEqual(await axeViolations(page), [])
  assert.deepEqual(errors, [])
  await page.context().close()
})

test('a social worker does not see the retention pages', async () => {
  const page = await newPage(browser())
  await signIn(page, base, demoSignIn('social_worker'))
  for (const path of ['/retention', '/retention/certificates', '/retention/people/1']) {
    const r = await page.goto(`${base}${path}`)
    assert.equal(r.status(), 404, path)
    assert.equal(await page.textContent('h1'), 'You cannot see this page', path)
  }
  await page.context().close()
})
