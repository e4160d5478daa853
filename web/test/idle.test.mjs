// Inactivity: a minute before the session would end (half-way, for run.sh's one-minute timeout) a
// modal warning takes the focus; "Stay signed in" keeps the session; doing nothing ends at the
// sign-in page, which says why, and the server has ended the session too.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { axeViolations, demoSignIn, newPage, signIn, useBrowser, watchForErrors } from './browser_util.mjs'

const base = process.env.CONFIDE_URL
const screenshots = process.env.CONFIDE_SCREENSHOTS
const browser = useBrowser()

test('idle sign-out: a warning that takes the focus, "Stay signed in", and signing out after the timeout', async () => {
  const idle = await newPage(browser())
  const staying = await newPage(browser())
  const errors = watchForErrors(idle)
  await Promise.all([signIn(idle, base, demoSignIn('manager')), signIn(staying, base, demoSignIn('practitioner'))])
  assert.equal(await idle.isVisible('#idle-warning'), false)
  const [warnedAt] = await Promise.all([
    (async () => {
      await idle.waitForSelector('#idle-warning[open]', { timeout: 45000 })
      return Date.now()
    })(),
    (async () => {
      await staying.waitForSelector('#idle-warning[open]', { timeout: 45000 })
      await staying.click('#idle-stay')
    })()
  ])
  assert.equal(await idle.evaluate(() => document.activeElement?.id), 'idle-stay')
  assert.match(await idle.textContent('#idle-warning'), /You will be signed out soon/)
  assert.deepEqual(await axeViolations(idle), [])
  if (screenshots) await idle.screenshot({ path: join(screenshots, 'idle-warning.png') })

  await idle.waitForURL(`${base}/sign-in?timed_out=1`, { timeout: 45000 })
  assert.ok(Date.now() - warnedAt > 20000, 'the warning came well before the end')
  assert.match(await idle.textContent('.govuk-notification-banner'), /signed out: a session ends after 1 minute without activity/)
  // Without the script, the server would have said the same: the session is over.
  await idle.goto(`${base}/`)
  assert.equal(idle.url(), `${base}/sign-in?timed_out=1`)

  // The one who chose to stay is still signed in after the other's session ended.
  await staying.reload()
  assert.equal(await staying.textContent('h1'), 'My caseload')
  assert.equal(await staying.isVisible('#idle-warning'), false)
  assert.deepEqual(errors, [])
  await idle.context().close()
  await staying.context().close()
})
