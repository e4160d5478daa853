// Personal data breaches in the browser: a practitioner reports one from their home page (a missing
// account of what happened named first, what was typed kept), sees its number and nothing of the
// register. The data protection officer finds it in the register, awaiting a decision, opens it,
// is refused an assessment without its likelihood, records one (a high risk, with a warning that the
// people affected are not yet told) and a decision to report it to the ICO; the register then says
// so, still without the account of what happened. axe finds nothing on any page.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { axeViolations, demoSignIn, newPage, signIn, useBrowser, watchForErrors } from './browser_util.mjs'

const base = process.env.CONFIDE_URL
const screenshots = process.env.CONFIDE_SCREENSHOTS
const browser = useBrowser()

// London's wall-clock time `hoursAgo` hours ago, as the date and time boxes take it.
function londonMoment(hoursAgo) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23'
  }).formatToParts(new Date(Date.now() - hoursAgo * 3_600_000))
  const get = (type) => String(Number(parts.find((p) => p.type === type).value))
  return { day: get('day'), month: get('month'), year: get('year'), hour: get('hour'), minute: get('minute') }
}

async function fillMoment(page, prefix, m) {
  await page.fill(`#${prefix}_day`, m.day)
  await page.fill(`#${prefix}_month`, m.month)
  await page.fill(`#${prefix}_year`, m.year)
  await page.fill(`#${prefix}_hour`, m.hour)
  await page.fill(`#${prefix}_minute`, m.minute)
}

const longDateTime = /\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}/
// What happened, unique to this run: the register must never show it.
const account = `Breach test ${Date.now()}: a core group minute emailed to the wrong school`
let breachId

test('a practitioner reports a breach and sees only its number', async () => {
  const page = await newPage(browser())
  const errors = watchForErrors(page)
  await signIn(page, base, demoSignIn('practitioner'))
  await page.click('a:has-text("Report a breach")')
  await page.waitForURL(`${base}/breaches/report`)
  assert.equal(await page.textContent('h1'), 'Report a personal data breach')
  assert.deepEqual(await axeViolations(page), [])

  // Without the account of what happened: named, with what was typed kept.
  await page.check('#kind-misdirected_email')
  await fillMoment(page, 'aware', londonMoment(3))
  await page.fill('#discovered_by', 'The school that received it')
  await page.fill('#data_affected', 'Names, addresses and the minute of a core group meeting')
  await page.fill('#people_affected', '4')
  await page.fill('#immediate_action', 'Asked the school to delete it and confirm by reply')
  const missing = await Promise.all([page.waitForNavigation(), page.click('button:has-text("Report the breach")')])
  assert.equal(missing[0].status(), 400)
  assert.match(await page.title(), /^Error: /)
  assert.match(await page.textContent('.govuk-error-summary'), /Enter what happened/)
  assert.equal(await page.getAttribute('.govuk-error-summary a', 'href'), '#what_happened')
  assert.ok(await page.isChecked('#kind-misdirected_email'))
  assert.equal(await page.inputValue('#people_affected'), '4')
  assert.deepEqual(await axeViolations(page), [])

  await page.fill('#what_happened', account)
  await page.click('button:has-text("Report the breach")')
  await page.waitForURL(/\/breaches\/reported\/\d+$/)
  breachId = new URL(page.url()).pathname.split('/').pop()
  assert.equal((await page.textContent('.govuk-panel__title')).trim(), `Breach ${breachId} reported`)
  assert.match(await page.textContent('.govuk-panel__body'), /It is in the data protection officer's breach register/)
  assert.ok(!(await page.textContent('main')).includes(account), 'the confirmation repeats the report')
  assert.deepEqual(await axeViolations(page), [])

  // Nothing of the register is theirs to see.
  for (const path of ['/breaches', '/breaches?all=true', '/breaches/candidates', `/breaches/${breachId}`]) {
    const r = await page.goto(`${base}${path}`)
    assert.equal(r.status(), 404, path)
    assert.equal(await page.textContent('h1'), 'You cannot see this page', path)
  }
  assert.deepEqual(errors, [])
  await page.close()
})

test('the data protection officer assesses the breach and decides to report it', async () => {
  assert.ok(breachId, 'the report test ran first')
  const page = await newPage(browser())
  const errors = watchForErrors(page)
  const breachPath = `/breaches/${breachId}`

  await signIn(page, base, demoSignIn('data_protection_officer'))
  await page.click('a:has-text("Breach register")')
  await page.waitForURL(`${base}/breaches`)
  assert.equal(await page.textContent('h1'), 'Personal data breaches')
  let row = await page.textContent(`#breach-${breachId}`)
  assert.match(row, /Awaiting a decision/)
  assert.match(row, /Not assessed/)
  assert.match(row, longDateTime)
  assert.ok(!(await page.textContent('main')).includes(account), 'the register holds the account of what happened')
  assert.deepEqual(await axeViolations(page), [])

  await page.click(`a[href="${breachPath}"]`)
  await page.waitForURL(`${base}${breachPath}`)
  assert.equal(await page.textContent('h1'), `Breach ${breachId}`)
  assert.match(await page.textContent('#breach-summary'), new RegExp(account))
  assert.match(await page.textContent('#breach-report-by'), longDateTime)
  assert.ok((await page.locator('#breach-explanation li').count()) > 0)
  assert.match(await page.textContent('#breach-risk'), /Not assessed yet/)
  assert.deepEqual(await axeViolations(page), [])

  // An assessment without its likelihood or its note: both named, the kind kept.
  await page.selectOption('#kind', 'assessed')
  await fillMoment(page, 'at', londonMoment(2))
  await page.check('#severity-significant')
  const bare = await Promise.all([page.waitForNavigation(), page.click('button:has-text("Record the step")')])
  assert.equal(bare[0].status(), 400)
  const summary = await page.textContent('.govuk-error-summary')
  assert.match(summary, /Enter what the assessment rests on/)
  assert.match(summary, /Choose how likely/)
  assert.equal(await page.inputValue('#kind'), 'assessed')
  assert.ok(await page.isChecked('#severity-significant'))
  assert.deepEqual(await axeViolations(page), [])

  await page.fill('#note', 'The minute names the children and a parent who poses a risk to them')
  await page.check('#likelihood-likely')
  await page.fill('#people_affected', '5')
  await page.click('button:has-text("Record the step")')
  await page.waitForURL(`${base}${breachPath}?step=1`)
  assert.match(await page.textContent('.govuk-notification-banner'), /Step recorded/)
  assert.match(await page.textContent('#breach-steps'), /Risk assessed/)
  assert.match(await page.textContent('#breach-summary'), /A high risk/)
  assert.doesNotMatch(await page.textContent('#breach-risk'), /Not assessed/)
  // A high risk whose people are not yet told is a warning.
  assert.ok((await page.locator('#breach-warnings .govuk-warning-text').count()) > 0)
  assert.deepEqual(await axeViolations(page), [])

  // The decision: report it to the ICO.
  await page.selectOption('#kind', 'decided')
  await fillMoment(page, 'at', londonMoment(1))
  await page.fill('#note', 'A high risk to the children: report within the 72 hours')
  await page.check('#report-yes')
  await page.click('button:has-text("Record the step")')
  await page.waitForURL(`${base}${breachPath}?step=1`)
  assert.match(await page.textContent('#breach-summary'), /To report to the ICO/)
  assert.match(await page.textContent('#breach-steps'), /Decided to report to the ICO/)
  assert.equal(await page.locator('#breach-steps > li').count(), 2)
  assert.equal(await page.locator('#kind option[value="reported"]').count(), 1)
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'breaches.png'), fullPage: true })

  await page.goto(`${base}/breaches`)
  row = await page.textContent(`#breach-${breachId}`)
  assert.match(row, /To report to the ICO/)
  assert.match(row, /A high risk/)
  assert.ok(!(await page.textContent('main')).includes(account), 'the register holds the account of what happened')

  await page.click('a:has-text("Possible breaches Confide has noticed")')
  await page.waitForURL(`${base}/breaches/candidates`)
  assert.equal(await page.textContent('h1'), 'Possible breaches')
  assert.deepEqual(await axeViolations(page), [])
  assert.deepEqual(errors, [])
  await page.close()
})
