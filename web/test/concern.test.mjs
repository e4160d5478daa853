// Recording a safeguarding concern with the keyboard alone: errors announced in the error
// summary, check your answers with a change, the confirmation, then the concern in the chronology
// with its facts, opinion and the child's words. Then an amendment (with its reason) and both
// versions.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { axeViolations, demoSignIn, newPage, signIn, tabTo, typeInto, useBrowser, watchForErrors } from './browser_util.mjs'

const base = process.env.CONFIDE_URL
const screenshots = process.env.CONFIDE_SCREENSHOTS
const browser = useBrowser()

// Keyboard only: tabs to a link or button and presses Enter, then waits for the page it loads.
async function press(page, selector) {
  await tabTo(page, selector)
  const loaded = page.waitForResponse((r) => r.request().resourceType() === 'document')
  await page.keyboard.press('Enter')
  await loaded
  await page.waitForLoadState()
}

test('a social worker records a concern with the keyboard alone and finds it in the chronology', async () => {
  const page = await newPage(browser())
  const errors = watchForErrors(page)
  await signIn(page, base, demoSignIn('social_worker', 1))
  const child = page.locator('table.govuk-table a[href^="/children/"]').first()
  const name = (await child.textContent()).trim()
  const childPath = await child.getAttribute('href')
  await page.goto(`${base}${childPath}`)
  await press(page, 'a[href$="/concerns/new"]')
  assert.equal(await page.textContent('h1'), 'When and where did it happen?')
  assert.deepEqual(await axeViolations(page), [])

  // Continue with nothing: the summary takes focus and names what is missing.
  await press(page, 'button[value="next"]')
  await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'))
  assert.match(await page.textContent('.govuk-error-summary'), /Enter when it happened/)
  assert.match(await page.textContent('.govuk-error-summary'), /Enter where it happened/)
  assert.match(await page.title(), /^Error: /)
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'concern-errors.png'), fullPage: true })

  await typeInto(page, '#when_day', '2')
  await typeInto(page, '#when_month', '12')
  await typeInto(page, '#when_year', '2026')
  await typeInto(page, '#when_hour', '8')
  await typeInto(page, '#when_minute', '40')
  await typeInto(page, '#where', 'Nursery entrance at drop-off')
  await typeInto(page, '#who_present', 'Her mother; Sam, her key person')
  await press(page, 'button[value="next"]')
  assert.equal(await page.textContent('h1'), 'What happened?')
  assert.deepEqual(await axeViolations(page), [])
  await typeInto(page, '#seen', 'A bruise about 3 cm across on her left forearm, blue and yellow.')
  await typeInto(page, '#childs_words', 'I fell off the trampoline at Nana\'s')
  await typeInto(page, '#opinion', 'The bruise looks older than the weekend she described.')
  await press(page, 'button[value="next"]')
  assert.equal(await page.textContent('h1'), 'What did you do?')
  assert.deepEqual(await axeViolations(page), [])
  await typeInto(page, '#action', 'Told the designated safeguarding lead at 08:55.')
  await typeInto(page, '#summary', 'Bruise on left forearm seen at drop-off')
  await press(page, 'button[value="next"]')
  assert.equal(await page.textContent('h1'), 'Check your answers before recording the concern')
  assert.deepEqual(await axeViolations(page), [])
  if (screenshots) await page.screenshot({ path: join(screenshots, 'concern-check-answers.png'), fullPage: true })

  // Change an answer, and come back to check it.
  await press(page, 'button[value="action"]')
  assert.equal(await page.inputValue('#summary'), 'Bruise on left forearm seen at drop-off')
  await tabTo(page, '#summary')
  await page.keyboard.press('End')
  await page.keyboard.type(' (8.40am)')
  await press(page, 'button[value="next"]')
  assert.match(await page.textContent('.govuk-summary-list'), /seen at drop-off \(8\.40am\)/)
  assert.match(await page.textContent(".govuk-summary-list"), /2 December 2026, 08:40/)
  assert.match(await page.textContent('.govuk-summary-list'), /I fell off the trampoline at Nana's/)

  await press(page, 'button[value="save"]')
  await page.waitForURL(/\/records\/\d+\/recorded$/)
  assert.equal(await page.textContent('h1'), 'Concern recorded')
  const record = (await page.textContent('.govuk-panel__body strong')).trim()
  assert.deepEqual(await axeViolations(page), [])
  // Reloading the confirmation records nothing more.
  await page.reload()
  assert.equal(await page.textContent('h1'), 'Concern recorded')

  await page.goto(`${base}${childPath}/chronology?kind_safeguarding_concern=yes`)
  const row = page.locator(`a[href="/records/${record}"]`)
  assert.equal((await row.textContent()).trim(), 'Bruise on left forearm seen at drop-off (8.40am)')
  assert.equal(await page.locator('a:has-text("Bruise on left forearm seen at drop-off (8.40am)")').count(), 1)
  await row.click()
  await page.waitForURL(`${base}/records/${record}`)
  assert.match(await page.textContent('main'), /Fact\s*A bruise about 3 cm across/)
  assert.match(await page.textContent('main'), /Opinion\s*The bruise looks older/)
  assert.equal((await page.textContent('blockquote')).trim(), 'I fell off the trampoline at Nana\'s')
  assert.match(await page.textContent('.govuk-summary-list'), /2 December 2026, 08:40/)
  assert.match(await page.textContent('.govuk-summary-list'), /Sensitive/)
  assert.ok(await page.isVisible(`text=${name}`))

  // Amend it: a reason is required; then both versions are there, each readable.
  await press(page, 'a[href$="/amend"]')
  assert.equal(await page.textContent('h1'), 'Amend the record')
  assert.equal(await page.inputValue('#seen'), 'A bruise about 3 cm across on her left forearm, blue and yellow.')
  assert.deepEqual(await axeViolations(page), [])
  await press(page, 'form[action$="/amend"] button[type="submit"]')
  await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'))
  assert.match(await page.textContent('.govuk-error-summary'), /Enter why you are amending the record/)
  await typeInto(page, '#reason', 'Her key person added what the child said at pick-up.')
  await tabTo(page, '#childs_words')
  await page.keyboard.press('End')
  await page.keyboard.type('. Nana pushed me.')
  await press(page, 'form[action$="/amend"] button[type="submit"]')
  await page.waitForURL(`${base}/records/${record}`)
  assert.equal((await page.textContent('blockquote')).trim(), 'I fell off the trampoline at Nana\'s. Nana pushed me.')
  assert.match(await page.textContent('.govuk-summary-list'), /2 of 2/)
  assert.match(await page.textContent('.govuk-summary-list'), /Her key person added what the child said/)
  assert.equal(await page.locator('#versions li').count(), 2)
  if (screenshots) await page.screenshot({ path: join(screenshots, 'concern-amended.png'), fullPage: true })
  await press(page, '#versions li a')
  assert.equal((await page.textContent('blockquote')).trim(), 'I fell off the trampoline at Nana\'s')
  assert.match(await page.textContent('.govuk-inset-text'), /This is version 1/)
  assert.deepEqual(errors, [])
  await page.context().close()
})
