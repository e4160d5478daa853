// Freedom of Information in the browser: the data protection officer records a request that arrived
// a few days ago (a missing name is named first), sees its deadline with the arithmetic, asks for
// clarification (the clock stops) and records it arriving (the clock starts again), then replies
// disclosing in part: refused without the exemption relied on, recorded with s.40(2) and its reason.
// The register lists it among the answered ones, with no requester's name. A social worker cannot
// see any of it.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { axeViolations, demoSignIn, newPage, signIn, useBrowser, watchForErrors } from './browser_util.mjs'

const base = process.env.CONFIDE_URL
const screenshots = process.env.CONFIDE_SCREENSHOTS
const browser = useBrowser()

// The day `daysAgo` days before today in London, as the date boxes take it ("5", "12", "2026").
function londonDay(daysAgo) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' })
    .formatToParts(new Date())
  const get = (type) => Number(parts.find((p) => p.type === type).value)
  // Noon UTC on London's today, moved back whole days: no daylight saving edge can skip a day.
  const day = new Date(Date.UTC(get('year'), get('month') - 1, get('day') - daysAgo, 12))
  return { day: String(day.getUTCDate()), month: String(day.getUTCMonth() + 1), year: String(day.getUTCFullYear()) }
}

async function fillDate(page, prefix, date) {
  await page.fill(`#${prefix}_day`, date.day)
  await page.fill(`#${prefix}_month`, date.month)
  await page.fill(`#${prefix}_year`, date.year)
}

const longDate = /\d{1,2} [A-Z][a-z]+ \d{4}/

test('the data protection officer takes an FOI request from receipt to a reply with an exemption', async () => {
  const page = await newPage(browser())
  const errors = watchForErrors(page)
  const requester = 'A local journalist'

  await signIn(page, base, demoSignIn('data_protection_officer'))
  await page.click('a:has-text("Freedom of Information requests")')
  await page.waitForURL(`${base}/foi`)
  assert.equal(await page.textContent('h1'), 'Freedom of Information requests')
  assert.deepEqual(await axeViolations(page), [])

  // The request, without the requester's name: named as the problem, and the page is a 400.
  await page.click('a:has-text("Record a request")')
  await page.waitForURL(`${base}/foi/new`)
  assert.deepEqual(await axeViolations(page), [])
  await fillDate(page, 'received', londonDay(6))
  await page.fill('#request_text', 'How many children were placed out of the area last year')
  await page.check('#channel-email')
  const unnamed = await Promise.all([page.waitForNavigation(), page.click('button:has-text("Record the request")')])
  assert.equal(unnamed[0].status(), 400)
  assert.match(await page.title(), /^Error: /)
  assert.match(await page.textContent('.govuk-error-summary'), /Enter the requester's name/)
  assert.equal(await page.getAttribute('.govuk-error-summary a', 'href'), '#requester_name')
  assert.deepEqual(await axeViolations(page), [])

  await page.fill('#requester_name', requester)
  await page.fill('#contact', 'newsdesk@example.org')
  await page.click('button:has-text("Record the request")')
  await page.waitForURL(/\/foi\/\d+\?opened=1$/)
  const requestPath = new URL(page.url()).pathname
  const requestId = requestPath.split('/').pop()
  assert.match(await page.textContent('.govuk-notification-banner'), /Request recorded/)
  assert.match(await page.textContent('#foi-summary'), new RegExp(requester))
  assert.match(await page.textContent('#foi-due'), longDate)
  assert.match(await page.textContent('#foi-explanation'), /20th working day/)
  assert.deepEqual(await axeViolations(page), [])

  // Clarification asked for the next day: the clock stops.
  await page.check('#kind-clarification_requested')
  await fillDate(page, 'on', londonDay(5))
  await page.fill('#note', 'Asked which year: calendar or financial')
  await page.click('button:has-text("Record the step")')
  await page.waitForURL(`${base}${requestPath}?step=1`)
  assert.match(await page.textContent('#foi-summary'), /Awaiting clarification/)
  assert.match(await page.textContent('#foi-due'), /clarification is awaited/)
  assert.match(await page.textContent('#foi-explanation'), /Clarification was asked for/)

  // It arrives two days later: the 20 days count from then.
  await page.check('#kind-clarification_received')
  await fillDate(page, 'on', londonDay(3))
  await page.click('button:has-text("Record the step")')
  await page.waitForURL(`${base}${requestPath}?step=1`)
  assert.match(await page.textContent('#foi-due'), longDate)
  assert.match(await page.textContent('#foi-explanation'), /Clarification arrived/)
  assert.equal(await page.locator('#foi-steps tbody tr').count(), 2)

  // A reply disclosing in part must name the exemption relied on.
  await page.check('#kind-responded')
  await fillDate(page, 'on', londonDay(0))
  await page.fill('#note', 'Figures sent; the smallest numbers withheld')
  await page.check('#outcome-disclosed_in_part')
  const bare = await Promise.all([page.waitForNavigation(), page.click('button:has-text("Record the step")')])
  assert.equal(bare[0].status(), 400)
  assert.match(await page.textContent('.govuk-error-summary'), /names the exemption relied on/)
  assert.match(await page.getAttribute('.govuk-error-summary a', 'href'), /^#exemption_/)
  assert.deepEqual(await axeViolations(page), [])

  // What was typed is kept: tick s.40(2) and say why.
  assert.ok(await page.isChecked('#kind-responded'))
  assert.ok(await page.isChecked('#outcome-disclosed_in_part'))
  await page.check('#exemption_s40_2')
  await page.fill('#reason_s40_2', 'Numbers under five could identify the children placed')
  await page.click('button:has-text("Record the step")')
  await page.waitForURL(`${base}${requestPath}?step=1`)
  assert.match(await page.textContent('#foi-summary'), /Responded/)
  assert.match(await page.textContent('#foi-answered'), longDate)
  const steps = await page.textContent('#foi-steps')
  assert.match(steps, /Disclosed in part/)
  assert.match(steps, /s\.40\(2\)/)
  assert.match(steps, /Numbers under five could identify the children placed/)
  assert.equal(await page.locator('#add-step').count(), 0)
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'foi.png'), fullPage: true })

  // Answered: no longer among the open requests; listed with them all, without the requester's name.
  await page.goto(`${base}/foi`)
  assert.equal(await page.locator(`a[href="${requestPath}"]`).count(), 0)
  await page.goto(`${base}/foi?all=true`)
  const row = await page.textContent(`#request-${requestId}`)
  assert.match(row, /Responded/)
  assert.match(row, /Answered/)
  assert.ok(!(await page.textContent('main')).includes(requester), 'the register names the requester')
  assert.deepEqual(await axeViolations(page), [])
  assert.deepEqual(errors, [])
  await page.close()
})

test('a social worker cannot see the FOI pages', async () => {
  const page = await newPage(browser())
  await signIn(page, base, demoSignIn('social_worker', 4))
  for (const path of ['/foi', '/foi?all=true', '/foi/new', '/foi/1']) {
    const r = await page.goto(`${base}${path}`)
    assert.equal(r.status(), 404, path)
    assert.equal(await page.textContent('h1'), 'You cannot see this page', path)
  }
  assert.deepEqual(await axeViolations(page), [])
  await page.close()
})
