// Allocations in the browser: a manager finds a child's allocations by the child's id, allocates a
// social worker (who then has the child on their caseload and can open the child's page), and ends
// the allocation (after which the social worker cannot). A social worker, who may see who is
// allocated, may not change it.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { axeViolations, demoSignIn, newPage, signIn, useBrowser, watchForErrors } from './browser_util.mjs'

const base = process.env.CONFIDE_URL
const screenshots = process.env.CONFIDE_SCREENSHOTS
const browser = useBrowser()

// The text of the "Allocated now" table, or "" when nobody is allocated.
async function allocatedNow(page) {
  const table = page.locator('table:has(caption:has-text("Allocated now"))')
  return (await table.count()) ? table.textContent() : ''
}

test('a manager allocates a social worker to a child and ends it; the social worker gains and loses the child', async () => {
  const manager = await newPage(browser())
  const errors = watchForErrors(manager)
  const worker = await newPage(browser())
  const workerSignIn = demoSignIn('social_worker', 3)
  await Promise.all([signIn(manager, base, demoSignIn('manager', 1)), signIn(worker, base, workerSignIn)])

  await manager.goto(`${base}/admin/allocations`)
  assert.equal(await manager.textContent('h1'), 'Allocate staff to a child')
  assert.deepEqual(await axeViolations(manager), [])
  await manager.fill('#child', 'Ava')
  await manager.click('button:has-text("Show allocations")')
  assert.match(await manager.textContent('.govuk-error-summary'), /Enter the child's Confide id/)
  assert.match(await manager.title(), /^Error: /)

  // A child with someone allocated (so it is a child), but neither the social worker nor their team.
  const workerTeam = workerSignIn.team
  let child = 0
  for (let id = 1; id < 60 && !child; id++) {
    await manager.goto(`${base}/admin/allocations`)
    await manager.fill('#child', ` ${id} `) // pasted with spaces: still the id
    await manager.click('button:has-text("Show allocations")')
    await manager.waitForURL(`${base}/children/${id}/allocations`)
    const now = await allocatedNow(manager)
    const option = await manager.textContent(`#staff_id option[value="${workerSignIn.staff_id}"]`)
    const name = option.slice(0, option.indexOf(' ('))
    if (now && !now.includes(name) && !now.includes(workerTeam)) child = id
  }
  assert.ok(child, 'the demo has a child the social worker does not work with')
  const childPage = `${base}/children/${child}`
  const option = await manager.textContent(`#staff_id option[value="${workerSignIn.staff_id}"]`)
  const workerName = option.slice(0, option.indexOf(' ('))
  assert.equal((await worker.goto(childPage)).status(), 404, 'not allocated yet')
  assert.equal(await manager.textContent('h1'), 'Allocations')
  assert.deepEqual(await axeViolations(manager), [])

  await manager.click('button:has-text("Allocate")')
  assert.match(await manager.textContent('.govuk-error-summary'), /Choose the member of staff to allocate/)
  assert.deepEqual(await axeViolations(manager), [])
  await manager.selectOption('#staff_id', String(workerSignIn.staff_id))
  await manager.check('#role-allocated_social_worker')
  await manager.click('button:has-text("Allocate")')
  await manager.waitForURL(`${childPage}/allocations?allocated=1`)
  assert.match(await allocatedNow(manager), new RegExp(`${workerName}\\s*Allocated social worker`))
  if (screenshots) await manager.screenshot({ path: join(screenshots, 'allocations.png'), fullPage: true })

  // The next page the social worker opens counts the allocation.
  await worker.goto(`${base}/`)
  assert.equal(await worker.locator(`a[href="/children/${child}"]`).count(), 1, 'the child is on their caseload')
  assert.equal((await worker.goto(childPage)).status(), 200)
  await worker.click('a:has-text("All allocations, past and present")')
  await worker.waitForURL(`${childPage}/allocations`)
  assert.match(await allocatedNow(worker), new RegExp(workerName))
  // Seeing who is allocated is not changing it.
  await worker.selectOption('#staff_id', String(workerSignIn.staff_id))
  const refused = await Promise.all([worker.waitForNavigation(), worker.click('button:has-text("Allocate")')])
  assert.equal(refused[0].status(), 404)
  assert.equal(await worker.textContent('h1'), 'You cannot see this page')

  await manager.click(`button:has-text("the allocation of ${workerName}")`)
  await manager.waitForURL(`${childPage}/allocations?ended=1`)
  assert.doesNotMatch(await allocatedNow(manager), new RegExp(workerName))
  assert.match(await manager.textContent('table:has(caption:has-text("Ended allocations"))'), new RegExp(workerName))
  assert.deepEqual(await axeViolations(manager), [])

  assert.equal((await worker.goto(childPage)).status(), 404, 'the allocation has ended')
  assert.equal(await worker.textContent('h1'), 'You cannot see this page')
  await worker.goto(`${base}/`)
  assert.equal(await worker.locator(`a[href="/children/${child}"]`).count(), 0, 'gone from their caseload')
  assert.deepEqual(errors, [])
  await manager.context().close()
  await worker.context().close()
})
