// The sharing task list in the browser: a social worker records a proposal to share (every missing
// answer named first), Confide decides at once and asks for a designated person's backing, which
// the worker cannot give themself; the deputy safeguarding lead finds it on their queue and gives it; the worker checks the
// minimum dataset and sends it as a package, which the demo MASH's key opens. Someone with no part
// in the child's care gets "You cannot see this page" for all of it.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'

import { axeViolations, demoSignIn, newPage, signIn, useBrowser, watchForErrors } from './browser_util.mjs'

const base = process.env.CONFIDE_URL
const screenshots = process.env.CONFIDE_SCREENSHOTS
const demo = JSON.parse(readFileSync(process.env.CONFIDE_DEMO, 'utf8'))
const browser = useBrowser()

// The status text of a task on the task list.
const tasks = {
  'Request recorded': 'request', 'Consent check': 'consent', 'Decision with reasons': 'decision', Approval: 'approval',
  'Check the minimum dataset and send it': 'disclosure', Sent: 'sent'
}
async function taskStatus(page, name) {
  return (await page.textContent(`#task-${tasks[name]}-status`)).trim()
}

test('a proposal to share goes from request to decision, approval, disclosure and sent', async () => {
  const worker = await newPage(browser(), { acceptDownloads: true })
  const errors = watchForErrors(worker)
  const deputy = await newPage(browser())
  const stranger = await newPage(browser())
  await signIn(worker, base, demoSignIn('social_worker'))
  await signIn(deputy, base, demoSignIn('deputy_safeguarding_lead'))
  await signIn(stranger, base, demoSignIn('key_person', 1))

  // From the caseload to the child's sharing page.
  await worker.click('table a.govuk-link >> nth=0')
  const childUrl = worker.url()
  const childName = (await worker.textContent('h1')).trim()
  await worker.click('a:has-text("Sharing information")')
  await worker.waitForURL(`${childUrl}/sharing`)
  assert.equal(await worker.textContent('h1'), 'Sharing information')
  assert.deepEqual(await axeViolations(worker), [])
  if (screenshots) await worker.screenshot({ path: join(screenshots, 'sharing-child.png'), fullPage: true })

  // The form: nothing answered, every problem named.
  await worker.click('a:has-text("Record a request or proposal to share")')
  await worker.waitForURL(`${childUrl}/sharing/new`)
  assert.deepEqual(await axeViolations(worker), [])
  const empty = await Promise.all([worker.waitForNavigation(), worker.click('button:has-text("Record and decide")')])
  assert.equal(empty[0].status(), 400)
  assert.match(await worker.title(), /^Error: /)
  const summary = await worker.textContent('.govuk-error-summary')
  for (const expected of [/Choose whether someone asks/, /Choose who asks or who would receive/, /Choose the purpose/,
    /Choose the information asked for/, /Choose how the request came/, /Enter why sharing is necessary/]) {
    assert.match(summary, expected)
  }
  assert.deepEqual(await axeViolations(worker), [])

  // A referral to the MASH: the child is at risk, and asking the parents first would make it worse.
  await worker.check('#direction-outgoing')
  const mash = await worker.locator('#recipient option', { hasText: 'Multi-Agency Safeguarding Hub' }).getAttribute('value')
  await worker.selectOption('#recipient', mash)
  await worker.check('#purpose-safeguarding')
  for (const c of ['identity', 'address', 'family', 'safeguarding_concerns']) await worker.check(`#category_${c}`)
  await worker.check('#channel-secure_email')
  await worker.check('#urgency-urgent')
  await worker.check('#answer_significant_harm')
  await worker.check('#answer_consent_would_increase_risk')
  // A document ticked without its reference is named too, and the answers given so far stay.
  await worker.check('#document_section_47_request')
  await worker.click('button:has-text("Record and decide")')
  assert.match(await worker.textContent('.govuk-error-summary'), /Enter the reference of the Section 47 enquiry request/)
  assert.equal(await worker.isChecked('#answer_significant_harm'), true)
  await worker.uncheck('#document_section_47_request')
  await worker.fill('#reasons', 'Bruising seen today and the child said they were scared to go home')
  await worker.click('button:has-text("Record and decide")')
  await worker.waitForURL(/\/sharing\/\d+\?recorded=1$/)
  const caseUrl = worker.url().replace(/\?recorded=1$/, '')
  assert.match(await worker.textContent('.govuk-notification-banner'), /Recorded and decided/)
  assert.equal(await taskStatus(worker, 'Request recorded'), 'Completed')
  assert.equal(await taskStatus(worker, 'Consent check'), 'Completed')
  assert.equal(await taskStatus(worker, 'Decision with reasons'), 'Approval needed before anything is shared')
  assert.equal(await taskStatus(worker, 'Approval'), 'Waiting')
  assert.equal(await taskStatus(worker, 'Check the minimum dataset and send it'), 'Cannot start yet')
  assert.match(await worker.textContent('#decision ~ dl'), /Designated safeguarding lead or deputy/)
  assert.ok((await worker.locator('#decision ~ ol li').count()) > 0, 'the rules that applied are listed')
  assert.deepEqual(await axeViolations(worker), [])
  if (screenshots) await worker.screenshot({ path: join(screenshots, 'sharing-task-list.png'), fullPage: true })

  // Nobody backs their own request.
  await worker.fill('#reason', 'I am sure')
  const own = await Promise.all([worker.waitForNavigation(), worker.click('button:has-text("Approve")')])
  assert.equal(own[0].status(), 400)
  assert.match(await worker.textContent('.govuk-error-summary'), /cannot also back it|role does not/)
  assert.deepEqual(await axeViolations(worker), [])

  // The deputy safeguarding lead finds it from their home page, on their queue; a social worker
  // backs nothing and has no queue.
  await worker.goto(`${base}/`)
  assert.equal(await worker.locator('#awaiting-approval').count(), 0)
  await deputy.goto(`${base}/`)
  assert.match(await deputy.textContent('#awaiting-approval'), /waiting for your approval/)
  await deputy.click('#awaiting-approval a:has-text("Waiting for your approval")')
  await deputy.waitForURL(`${base}/sharing/awaiting-approval`)
  assert.equal(await deputy.textContent('h1'), 'Waiting for your approval')
  const requestPath = new URL(caseUrl).pathname
  const queued = deputy.locator('tbody tr', { has: deputy.locator(`a[href="${requestPath}"]`) })
  assert.equal(await queued.count(), 1, 'the proposal is on the deputy\'s queue')
  const row = await queued.textContent()
  assert.match(row, new RegExp(childName))
  assert.match(row, /Urgent/)
  assert.match(row, /Designated safeguarding lead or deputy/)
  assert.deepEqual(await axeViolations(deputy), [])
  if (screenshots) await deputy.screenshot({ path: join(screenshots, 'sharing-awaiting-approval.png'), fullPage: true })
  await queued.locator('a').click()
  await deputy.waitForURL(caseUrl)

  // The deputy backs it: the decision is made again, and now it shares.
  await deputy.click('button:has-text("Approve")')
  assert.match(await deputy.textContent('.govuk-error-summary'), /Enter why you back this share/)
  await deputy.fill('#reason', 'Significant harm likely; seeking consent would put the child at greater risk')
  await deputy.click('button:has-text("Approve")')
  await deputy.waitForURL(`${caseUrl}?approved=1#approval`)
  assert.equal(await taskStatus(deputy, 'Approval'), 'Completed')
  assert.equal(await taskStatus(deputy, 'Decision with reasons'), 'Share')
  assert.equal(await taskStatus(deputy, 'Check the minimum dataset and send it'), 'Ready')

  // The worker reads the minimum dataset, then sends it.
  await worker.goto(caseUrl)
  await worker.click('a:has-text("Check the minimum dataset and send it")')
  await worker.waitForURL(`${caseUrl}/disclosure`)
  assert.equal(await worker.textContent('h1'), 'Check the minimum dataset before it is sent')
  assert.ok((await worker.textContent('.confide-document')).includes(childName.split(' ')[0]), 'the child is named: identity is released')
  assert.deepEqual(await axeViolations(worker), [])
  if (screenshots) await worker.screenshot({ path: join(screenshots, 'sharing-dataset.png'), fullPage: true })
  await worker.check('#told-no')
  await worker.click('button:has-text("Send as a disclosure package")')
  assert.match(await worker.textContent('.govuk-error-summary'), /Enter why the person will not be told/)
  await worker.fill('#not_told_reason', 'Telling the parents now would put the child at risk before the MASH has acted')
  await worker.click('button:has-text("Send as a disclosure package")')
  await worker.waitForURL(/\/sharing\/\d+\/disclosures\/\d+\/sent$/)
  const sentUrl = worker.url()
  assert.equal(await worker.textContent('.govuk-panel__title'), 'Disclosure package sealed')
  const packageId = (await worker.textContent('.govuk-panel__body strong')).trim()
  assert.match(packageId, /^[0-9a-f]{32}$/)
  assert.deepEqual(await axeViolations(worker), [])
  if (screenshots) await worker.screenshot({ path: join(screenshots, 'sharing-sent.png'), fullPage: true })

  // The package, downloaded, opens with the MASH's key and names the child; it opens only once.
  const work = mkdtempSync(join(tmpdir(), 'confide-package-'))
  try {
    const [download] = await Promise.all([worker.waitForEvent('download'), worker.click('a:has-text("Download the package")')])
    const file = join(work, 'package.json')
    await download.saveAs(file)
    const open = (out) => execFileSync(process.env.CONFIDE_BIN, ['--json', 'package', 'open', file, '--key', demo.mash_recipient_key_file,
      '--sender-key', demo.organisation_public_key, '--receipts', join(work, 'receipts'), '--out', join(work, out)], { encoding: 'utf8' })
    const opened = JSON.parse(open('opened'))
    assert.equal(opened.package_id, packageId)
    const files = readdirSync(join(work, 'opened'))
    assert.ok(files.length >= 2, `the dataset and the document: ${files}`)
    const text = files.map((f) => readFileSync(join(work, 'opened', f), 'utf8')).join('\n')
    assert.ok(text.includes(childName.split(' ')[0]), 'the dataset names the child')
    assert.throws(() => open('again'), 'a package is opened once')
  } finally {
    rmSync(work, { recursive: true, force: true })
  }

  // The task list says it was sent; the sent page is a GET, so a reload sends nothing more.
  await worker.goto(sentUrl)
  await worker.goto(caseUrl)
  assert.equal(await taskStatus(worker, 'Sent'), 'Completed')
  assert.equal(await worker.locator('#sent ~ dl').count(), 1, 'one disclosure')
  assert.match(await worker.textContent('#sent ~ dl'), /Telling the parents now would put the child at risk/)
  assert.deepEqual(await axeViolations(worker), [])

  // Someone with no part in the child's care: the same page as for a request that does not exist.
  const missing = await stranger.goto(`${base}/sharing/999999`)
  const missingText = await stranger.textContent('main')
  for (const url of [caseUrl, `${caseUrl}/disclosure`, sentUrl, sentUrl.replace(/sent$/, 'package'), `${childUrl}/sharing`]) {
    const r = await stranger.goto(url)
    assert.equal(r.status(), missing.status(), url)
    assert.equal(await stranger.textContent('main'), missingText, url)
  }
  assert.equal(missing.status(), 404)
  assert.deepEqual(errors, [])
})
