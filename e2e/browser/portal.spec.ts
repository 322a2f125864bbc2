/** The citizen portal and the workspace's sign-in page: each page renders and has no serious axe-core violation. */
import { expect, expectNoSeriousViolations, settled, test } from './fixtures.ts'

const PROCEDURE_NAME = /đăng ký khai sinh/i

test('portal home', async ({ page, pageErrors }) => {
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page.getByLabel('Tìm thủ tục hành chính')).toBeVisible()
  await settled(page)
  await expectNoSeriousViolations(page)
  expect(pageErrors).toEqual([])
})

test('portal search results', async ({ page }) => {
  await page.goto('/')
  const box = page.getByLabel('Tìm thủ tục hành chính')
  await box.fill('dang ky khai sinh')
  await box.press('Enter')
  await page.waitForURL(/\/thu-tuc\?q=/)
  await expect(page.getByRole('main').getByRole('link', { name: PROCEDURE_NAME }).first()).toBeVisible()
  await settled(page)
  await expectNoSeriousViolations(page)
})

test('portal catalogue without a query', async ({ page }) => {
  await page.goto('/thu-tuc')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await settled(page)
  await expectNoSeriousViolations(page)
})

test('procedure page', async ({ page, request }) => {
  const search = await request.get('/api/public/procedures', { params: { q: 'dang ky khai sinh', limit: 1 } })
  const id = ((await search.json()) as { items: Array<{ id: string }> }).items[0]?.id
  expect(id).toBeTruthy()
  await page.goto(`/thu-tuc/${id}`)
  await expect(page.getByRole('heading', { level: 1, name: PROCEDURE_NAME })).toBeVisible()
  await settled(page)
  await expectNoSeriousViolations(page)
})

test('online submission page', async ({ page, request }) => {
  const search = await request.get('/api/public/procedures', { params: { q: 'dang ky khai sinh', limit: 1 } })
  const id = ((await search.json()) as { items: Array<{ id: string }> }).items[0]?.id
  await page.goto(`/nop-ho-so/${id}`)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await settled(page)
  await expectNoSeriousViolations(page)
})

test('portal not-found page', async ({ page }) => {
  await page.goto('/khong-co-trang-nay')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await settled(page)
  await expectNoSeriousViolations(page)
})

test('portal in English', async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('cchc.language', 'en'))
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await settled(page)
  await expectNoSeriousViolations(page)
})

test('office sign-in page', async ({ page }) => {
  await page.goto('/office/sign-in')
  await expect(page.getByLabel(/^\s*Tên đăng nhập/)).toBeVisible()
  await settled(page)
  await expectNoSeriousViolations(page)
})

test('office sign-in with a wrong password shows the problem, accessibly', async ({ page }) => {
  await page.goto('/office/sign-in')
  await page.getByLabel(/^\s*Tên đăng nhập/).fill('quantri')
  await page.getByLabel(/^\s*Mật khẩu/).fill('wrong-password-1')
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()
  await expect(page.getByRole('alert')).toBeVisible()
  await expectNoSeriousViolations(page)
})
