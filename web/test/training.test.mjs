// Training and the confidentiality policy in the browser: a social worker who has not yet
// acknowledged the demo's policy (DEMO-1) is asked to on their home page, reads it, acknowledges it
// (the form carries the version and the digest of the text shown) and is thanked; the policy
// leaves their home page's notice and their own training says so. An administrator opens the
// training report from their home page: those with something overdue first, the volunteer's lapsed
// confidentiality training and what the access gate makes of it, the social worker's
// acknowledgement; then only those overdue, and everyone again. axe finds nothing on any page.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { axeViolations, demoSignIn, newPage, signIn, useBrowser, watchForErrors } from './browser_util.mjs'

const base = process.env.CONFIDE_URL
const screenshots = process.env.CONFIDE_SCREENSHOTS
const browser = useBrowser()

// A demo sign-in by staff id. The demo acknowledges the policy for everyone but every fifth member
// of staff, counting the administrator (staff 1) as the first: staff 4, a social worker, has not.
function demoSignInById(staffId) {
  const demo = JSON.parse(readFileSync(process.env.CONFIDE_DEMO, 'utf8'))
  const found = demo.sign_ins.find((s) => s.staff_id === staffId)
  if (!found) throw new Error(`the demo has no staff ${staffId}`)
  return found
}

const notYetAcknowledged = demoSignInById(4)
const longDate = /\d{1,2} [A-Z][a-z]+ \d{4}/

// The rows of the training report, each as its data-standing.
async function standings(page) {
  return page.locator('#training-report tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.standing))
}

test('a member of staff who has not acknowledged the confidentiality policy reads it and acknowledges it', async () => {
  const page = await newPage(browser())
  const errors = watchForErrors(page)
  await signIn(page, base, notYetAcknowledged)

  // The home page asks them to, by a date, with a link.
  assert.equal(await page.locator('#training-notice').count(), 1)
  assert.match(await page.textContent('#training-notice-policy'),
    new RegExp(`Please read and acknowledge the confidentiality policy by ${longDate.source}\\.`))
  assert.ok((await page.locator('#training-notice a[href="/training/mine"], a[href="/training/mine"]').count()) > 0)
  assert.deepEqual(await axeViolations(page), [])

  await page.click('#training-notice-policy a')
  await page.waitForURL(`${base}/confidentiality-policy`)
  assert.equal(await page.textContent('h1'), 'Confidentiality and information sharing policy (demo)')
  assert.match(await page.textContent('#policy-details'), /DEMO-1/)
  assert.match(await page.textContent('#acknowledgement-state'), new RegExp(`Please read and acknowledge this version by ${longDate.source}\\.`))
  assert.ok((await page.locator('#policy-text p').count()) >= 8, 'the policy in its paragraphs')
  // The form carries the version and the digest of the text shown; nothing personal.
  assert.equal(await page.getAttribute('input[name="version"]', 'value'), 'DEMO-1')
  assert.match(await page.getAttribute('input[name="digest"]', 'value'), /^[0-9a-f]{64}$/)
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'confidentiality-policy.png'), fullPage: true })

  await page.click('button:has-text("I have read and understood this policy")')
  await page.waitForURL(`${base}/confidentiality-policy?acknowledged=1`)
  assert.match(await page.textContent('.govuk-notification-banner'), /Thank you: acknowledged/)
  assert.match(await page.textContent('#acknowledgement-state'), new RegExp(`You acknowledged version DEMO-1 on ${longDate.source}\\.`))
  assert.equal(await page.locator('form[action="/confidentiality-policy/acknowledge"]').count(), 0)
  assert.deepEqual(await axeViolations(page), [])

  // Their own training: each course in words, and the acknowledgement.
  await page.goto(`${base}/training/mine`)
  assert.equal(await page.textContent('h1'), 'Your training')
  assert.match(await page.textContent('#course-confidentiality'), /Confidentiality and data protection[\s\S]*Yes[\s\S]*In date/)
  assert.match(await page.textContent('#my-acknowledgement-state'), /You acknowledged version DEMO-1/)
  assert.deepEqual(await axeViolations(page), [])

  // Home again: the demo records every course their role needs, in date, so with the policy
  // acknowledged nothing is asked for.
  await page.goto(`${base}/`)
  assert.equal(await page.locator('#training-notice-policy').count(), 0)
  assert.equal(await page.locator('#training-notice').count(), 0)
  assert.deepEqual(errors, [])
  await page.context().close()
})

test('an administrator reads the training report, overdue first, and only those overdue', async () => {
  const page = await newPage(browser())
  const errors = watchForErrors(page)
  await signIn(page, base, demoSignIn('administrator'))
  await page.click('a:has-text("Training report")')
  await page.waitForURL(`${base}/training`)
  assert.equal(await page.textContent('h1'), 'Training report')
  assert.match(await page.textContent('#policy-in-force'), /DEMO-1/)

  // Overdue rows first, then the rest.
  const all = await standings(page)
  assert.ok(all.length > 10, 'every active member of staff')
  const firstNotOverdue = all.findIndex((s) => s !== 'overdue')
  if (firstNotOverdue >= 0) assert.ok(all.slice(firstNotOverdue).every((s) => s !== 'overdue'), `overdue first: ${all}`)

  // The volunteer's confidentiality training has lapsed, and the access gate sees it.
  const headers = (await page.locator('#training-report thead th').allTextContents()).map((h) => h.trim())
  const confidentiality = headers.indexOf('Confidentiality and data protection')
  const policy = headers.indexOf('Confidentiality policy')
  const gate = headers.indexOf('Access gate')
  assert.ok(confidentiality > 2 && policy > confidentiality && gate > policy, `columns: ${headers}`)
  const volunteer = page.locator(`#staff-${demoSignIn('volunteer').staff_id}`)
  assert.equal(await volunteer.getAttribute('data-standing'), 'overdue')
  const cells = await volunteer.locator('th, td').allTextContents()
  assert.match(cells[confidentiality], /Lapsed/)
  assert.match(cells[gate], /Lapsed/)
  // The social worker of the first test has acknowledged the policy.
  const worker = await page.locator(`#staff-${notYetAcknowledged.staff_id} th, #staff-${notYetAcknowledged.staff_id} td`).allTextContents()
  assert.match(worker[policy], /Acknowledged/)
  // An administrator manages staff: names lead to their pages.
  assert.equal(await volunteer.locator(`a[href="/admin/staff/${demoSignIn('volunteer').staff_id}"]`).count(), 1)
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'training.png'), fullPage: true })

  await page.click('a:has-text("Show only those with something overdue")')
  await page.waitForURL(`${base}/training?show=overdue`)
  const overdue = await standings(page)
  assert.ok(overdue.length > 0)
  assert.ok(overdue.every((s) => s === 'overdue'), `only those overdue: ${overdue}`)
  assert.equal(overdue.length, all.filter((s) => s === 'overdue').length)
  assert.equal(await volunteer.count(), 1)
  assert.deepEqual(await axeViolations(page), [])

  await page.click('a:has-text("Show everyone")')
  await page.waitForURL(`${base}/training`)
  assert.equal((await standings(page)).length, all.length)

  // Their own training page too.
  await page.goto(`${base}/training/mine`)
  assert.equal(await page.textContent('h1'), 'Your training')
  assert.deepEqual(await axeViolations(page), [])
  assert.deepEqual(errors, [])
  await page.context().close()
})
