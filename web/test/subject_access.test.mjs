// Subject access in the browser: the data protection officer records a parent's request for a
// child on a social worker's caseload (every missing answer named), records the identity evidence
// arriving (the deadline appears, with its arithmetic), redacts a phrase from the search, approves
// the bundle, releases it and downloads the document, which does not hold the phrase. A social
// worker cannot see any of it.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { axeViolations, demoSignIn, newPage, signIn, useBrowser, watchForErrors } from './browser_util.mjs'

const base = process.env.CONFIDE_URL
const screenshots = process.env.CONFIDE_SCREENSHOTS
const browser = useBrowser()
// A social worker no other test signs in, so their caseload's last child is this test's alone.
const worker = demoSignIn('social_worker', 5)

function todayInLondon() {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' })
    .formatToParts(new Date())
  const get = (type) => parts.find((p) => p.type === type).value
  return { day: get('day'), month: get('month'), year: get('year') }
}

test('the data protection officer takes a request from intake to release, with a redaction', async () => {
  const page = await newPage(browser())
  const errors = watchForErrors(page)

  // A child to ask about: the last on the social worker's caseload.
  await signIn(page, base, worker)
  const links = page.locator('main a[href^="/children/"]')
  assert.ok((await links.count()) > 0)
  const childId = (await links.last().getAttribute('href')).replace('/children/', '')
  await page.click('button:has-text("Sign out")')

  await signIn(page, base, demoSignIn('data_protection_officer'))
  await page.click('a:has-text("Subject access requests")')
  await page.waitForURL(`${base}/subject-access`)
  assert.equal(await page.textContent('h1'), 'Subject access requests')
  assert.deepEqual(await axeViolations(page), [])

  // Nothing filled in: every missing answer is named, and the page is a 400.
  await page.click('a:has-text("Record a new request")')
  await page.waitForURL(`${base}/subject-access/new`)
  assert.deepEqual(await axeViolations(page), [])
  const empty = await Promise.all([page.waitForNavigation(), page.click('button:has-text("Record the request")')])
  assert.equal(empty[0].status(), 400)
  assert.match(await page.title(), /^Error: /)
  const problems = await page.textContent('.govuk-error-summary')
  for (const expected of [/Enter the person's id/, /Choose who is asking/, /Enter the requester's name/, /Enter what they asked for/,
    /Choose whether their identity is confirmed/]) {
    assert.match(problems, expected)
  }
  assert.deepEqual(await axeViolations(page), [])

  await page.fill('#person_id', childId)
  await page.check('#requester-parent')
  await page.fill('#requester_name', 'A parent of the child')
  await page.fill('#request_text', 'Everything you hold about my child')
  await page.check('#identity-requested')
  await page.fill('#identity_method', 'A copy of a passport, asked for by letter')
  await page.click('button:has-text("Record the request")')
  await page.waitForURL(/\/subject-access\/\d+\?opened=1$/)
  const requestPath = new URL(page.url()).pathname
  assert.match(await page.textContent('.govuk-notification-banner'), /Request recorded/)
  assert.match(await page.textContent('main'), /Identity awaited/)
  assert.match(await page.textContent('#sar-due'), /No date yet/)
  assert.match(await page.textContent('main'), /not linked to a person in Confide: see evidence of parental responsibility/)
  assert.deepEqual(await axeViolations(page), [])

  // The evidence arrives today: the clock starts, and the arithmetic says how the date comes.
  const today = todayInLondon()
  await page.check('#kind-identity_received')
  await page.fill('#on_day', today.day)
  await page.fill('#on_month', today.month)
  await page.fill('#on_year', today.year)
  await page.fill('#note', 'Passport copy checked against the letter')
  await page.click('button:has-text("Record the step")')
  await page.waitForURL(`${base}${requestPath}?step=1`)
  assert.match(await page.textContent('#sar-due'), /\d{1,2} [A-Z][a-z]+ \d{4}/)
  assert.match(await page.textContent('#sar-explanation'), /calendar month/)
  if (screenshots) await page.screenshot({ path: join(screenshots, 'subject-access.png'), fullPage: true })

  // The deadlines page, from the home page: the request with its countdown and its arithmetic.
  await page.goto(`${base}/`)
  await page.click('a:has-text("Deadlines")')
  await page.waitForURL(`${base}/deadlines`)
  assert.equal(await page.textContent('h1'), 'Deadlines')
  const item = page.locator('#deadlines li.confide-deadline', { has: page.locator(`a[href="${requestPath}"]`) })
  assert.equal(await item.count(), 1)
  assert.match(await item.textContent(), /Due [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}: in \d+ days \(\d+ working days\)\./)
  assert.match(await item.textContent(), /One calendar month later/)
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'deadlines.png'), fullPage: true })
  await page.goto(`${base}${requestPath}`)

  // The search: everything about the child; a phrase from one of their records is redacted everywhere.
  await page.click('a:has-text("Everything held about the person")')
  await page.waitForURL(`${base}${requestPath}/search`)
  assert.equal(await page.textContent('h1'), 'Everything held about the person')
  const summary = page.locator('dt.govuk-summary-list__key', { hasText: /^summary$/ }).first().locator('xpath=following-sibling::dd')
  const phrase = (await summary.textContent()).trim().slice(0, 18)
  assert.ok(phrase.length >= 6, `a record summary to redact: "${phrase}"`)
  assert.deepEqual(await axeViolations(page), [])
  await page.fill('#ref', '*')
  await page.fill('#text', phrase)
  await page.check('#ground-third_party')
  await page.fill('#reason', 'Names the neighbour, who has not consented')
  await page.click('button:has-text("Redact")')
  await page.waitForURL(`${base}${requestPath}?redacted=1`)
  assert.equal(await page.locator('#sar-redactions tbody tr').count(), 1)

  // The bundle: the phrase is in neither form; approve, then release once.
  await page.click('a:has-text("The bundle as it would be released")')
  await page.waitForURL(`${base}${requestPath}/preview`)
  const document = await page.textContent('#sar-document')
  assert.ok(!document.includes(phrase), 'the redacted phrase is in the preview')
  assert.match(document, /\[redacted\]/)
  assert.deepEqual(await axeViolations(page), [])
  // The checks (the parent is not in Confide) are answered before approval.
  const unanswered = await Promise.all([page.waitForNavigation(), page.click('button:has-text("Approve for release")')])
  assert.equal(unanswered[0].status(), 400)
  assert.match(await page.textContent('.govuk-error-summary'), /say in the note how the checks before release were dealt with/i)
  await page.fill('#note', 'Parental responsibility seen on the birth certificate; the child agreed')
  await page.click('button:has-text("Approve for release")')
  await page.waitForURL(`${base}${requestPath}/preview`)
  await page.fill('#channel', 'Secure email')
  await page.click('button:has-text("Release the bundle")')
  await page.waitForURL(`${base}${requestPath}/preview`)
  assert.equal(await page.textContent('h1'), 'The bundle as released')
  for (const file of ['bundle.txt', 'bundle.json']) {
    const r = await page.request.get(`${base}${requestPath}/${file}`)
    assert.equal(r.status(), 200, file)
    assert.match(r.headers()['content-disposition'], /^attachment; filename="SAR-\d+-\d{8}-[0-9a-f]+\.(txt|json)"$/)
    const text = await r.text()
    assert.ok(!text.includes(phrase), `the redacted phrase is in ${file}`)
    assert.match(text, /\[redacted\]/)
  }
  assert.deepEqual(await axeViolations(page), [])

  // Released: no longer among the open requests; listed with them all.
  await page.goto(`${base}/subject-access`)
  assert.equal(await page.locator(`a[href="${requestPath}"]`).count(), 0)
  await page.goto(`${base}/subject-access?all=1`)
  assert.match(await page.textContent(`#request-${requestPath.split('/').pop()}`), /Released/)
  assert.deepEqual(errors, [])
  await page.close()
})

test('a social worker cannot see the subject access pages', async () => {
  const page = await newPage(browser())
  await signIn(page, base, worker)
  for (const path of ['/subject-access', '/subject-access/new', '/subject-access/1', '/subject-access/1/search']) {
    const r = await page.goto(`${base}${path}`)
    assert.equal(r.status(), 404, path)
    assert.equal(await page.textContent('h1'), 'You cannot see this page', path)
  }
  // Their deadlines page says which registers are left out, rather than that nothing is due.
  await page.goto(`${base}/deadlines`)
  assert.match(await page.textContent('#not-shown'), /subject access requests/)
  assert.deepEqual(await axeViolations(page), [])
  await page.close()
})
