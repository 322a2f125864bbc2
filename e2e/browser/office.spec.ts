/**
 * The officials' workspace, signed in as the demo province administrator (quantri): every page
 * renders its heading and has no serious or critical axe-core violation; and a few behaviours of
 * the house list page and of the forms.
 */
import type { Page } from '@playwright/test'
import { expect, expectNoSeriousViolations, settled, signIn, test } from './fixtures.ts'

const ADMIN = 'quantri'

async function firstId(page: Page, path: string, params: Record<string, string | number> = {}): Promise<string> {
  const response = await page.request.get(path, { params })
  expect(response.status(), `GET ${path}`).toBe(200)
  const body = (await response.json()) as Array<{ id: string }> | { items: Array<{ id: string }> }
  const id = (Array.isArray(body) ? body : body.items)[0]?.id
  expect(id, `a record from ${path}`).toBeTruthy()
  return id!
}

/** Opens a workspace page, waits for its h1 and for loading to end, and runs axe-core. */
async function checkPage(page: Page, path: string, heading?: RegExp | string): Promise<void> {
  await page.goto(path)
  const h1 = page.getByRole('heading', { level: 1, ...(heading ? { name: heading } : {}) })
  await expect(h1.first()).toBeVisible()
  await expect(page, 'still signed in').not.toHaveURL(/\/office\/sign-in/)
  await settled(page)
  await expectNoSeriousViolations(page)
}

test.describe('workspace pages, signed in as an administrator', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, ADMIN)
  })

  const pages: Array<[string, string, RegExp]> = [
    ['dashboard', '/office', /Ủy ban nhân dân tỉnh An Thịnh/],
    ['units', '/office/units', /^Đơn vị hành chính$/],
    ['new unit', '/office/units/new', /^Thêm đơn vị hành chính$/],
    ['agencies', '/office/agencies', /^Cơ quan$/],
    ['new agency', '/office/agencies/new', /^Thêm cơ quan$/],
    ['users', '/office/users', /^Người dùng$/],
    ['new user', '/office/users/new', /^Thêm người dùng$/],
    ['API tokens', '/office/api-tokens', /^Mã truy cập API$/],
    ['procedures', '/office/procedures', /^Danh mục thủ tục hành chính$/],
    ['new procedure', '/office/procedures/new', /^Thêm thủ tục hành chính$/],
    ['procedure import', '/office/procedures/import', /^Nhập, xuất danh mục$/],
    ['working calendar', '/office/calendar', /^Lịch làm việc$/],
    ['audit log', '/office/audit', /^Nhật ký hệ thống$/],
    ['failed jobs', '/office/jobs', /^Tác vụ nền lỗi$/],
    ['change password', '/office/password', /^Đổi mật khẩu$/],
    ['page not found', '/office/khong-co', /^Không tìm thấy trang$/],
  ]
  for (const [name, path, heading] of pages) {
    test(`${name} (${path})`, async ({ page, pageErrors }) => {
      await checkPage(page, path, heading)
      expect(pageErrors).toEqual([])
    })
  }

  test('unit detail', async ({ page }) => {
    await checkPage(page, `/office/units/${await firstId(page, '/api/units')}`)
  })

  test('agency detail', async ({ page }) => {
    await checkPage(page, `/office/agencies/${await firstId(page, '/api/agencies')}`)
  })

  test('user detail', async ({ page }) => {
    await checkPage(page, `/office/users/${await firstId(page, '/api/users', { limit: 1 })}`)
  })

  test('procedure detail and new-version editor', async ({ page }) => {
    const id = await firstId(page, '/api/public/procedures', { q: 'dang ky khai sinh', limit: 1 })
    await checkPage(page, `/office/procedures/${id}`, /đăng ký khai sinh/i)
    const procedure = (await (await page.request.get(`/api/procedures/${id}`)).json()) as { versions: Array<{ version: number }> }
    const latest = Math.max(...procedure.versions.map((version) => version.version))
    await checkPage(page, `/office/procedures/${id}/versions/new?from=${latest}`, /phiên bản mới/i)
  })

  test('the API token form shows a Vietnamese validation error', async ({ page }) => {
    await page.goto('/office/api-tokens')
    await page.getByRole('button', { name: 'Cấp mã truy cập' }).first().click()
    const form = page.getByRole('region', { name: 'Cấp mã truy cập mới' })
    await form.getByRole('button', { name: 'Cấp mã truy cập' }).click()
    await expect(form.getByText('Chọn ít nhất một quyền')).toBeVisible()
    await expect(form.getByLabel(/Tên/).first()).toHaveAttribute('aria-invalid', 'true')
    await expectNoSeriousViolations(page)
  })

  test('the reset-password form refuses a short password in Vietnamese without sending it', async ({ page }) => {
    const sent: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST' && /^\/api\/users\/[^/]+\/password$/.test(new URL(request.url()).pathname)) sent.push(request.url())
    })
    await page.goto(`/office/users/${await firstId(page, '/api/users', { limit: 1 })}`)
    const form = page.getByRole('region', { name: 'Đặt lại mật khẩu' })
    const rules = form.getByText('Ít nhất 10 ký tự, không chứa tên đăng nhập, không lặp lại một ký tự.')
    await expect(rules).toHaveCount(1)
    await form.getByRole('textbox', { name: 'Mật khẩu mới', exact: true }).fill('ngan')
    await form.getByRole('textbox', { name: 'Nhập lại mật khẩu mới', exact: true }).fill('khac')
    await form.getByRole('button', { name: 'Đặt lại mật khẩu' }).click()
    await expect(rules).toHaveCount(2)
    await expect(form.getByText('Hai lần nhập mật khẩu mới không khớp.')).toBeVisible()
    await expectNoSeriousViolations(page)
    expect(sent).toEqual([])
  })

  test('the unit list filters by level through the address, and the rows follow', async ({ page }) => {
    await page.goto('/office/units?validOn=any')
    await settled(page)
    const rows = page.getByRole('table').locator('tbody tr')
    const before = await rows.count()
    expect(before).toBeGreaterThan(1)
    await page.getByRole('combobox', { name: 'Cấp', exact: true }).click()
    await page.getByRole('option', { name: 'Cấp tỉnh' }).click()
    await expect(page).toHaveURL(/[?&]level=province/)
    await settled(page)
    await expect(rows).not.toHaveCount(before)
    for (const cell of await rows.locator('td:nth-child(3)').allInnerTexts()) expect(cell).toMatch(/Cấp tỉnh/)
  })

  test('the audit log pages through the address, and the rows change', async ({ page }) => {
    await page.goto('/office/audit')
    await settled(page)
    const firstRow = page.getByRole('table').locator('tbody tr').first()
    const firstOnPage1 = await firstRow.innerText()
    await page.getByRole('navigation', { name: 'Phân trang' }).getByRole('button', { name: 'Trang 2' }).click()
    await expect(page).toHaveURL(/[?&]page=2/)
    await settled(page)
    await expect(firstRow).not.toHaveText(firstOnPage1)
    await page.getByLabel('Hành động').fill('user.created')
    await page.getByRole('button', { name: 'Lọc', exact: true }).click()
    await expect(page).toHaveURL(/action=user\.created/)
    await expect(page).not.toHaveURL(/page=2/)
    const actions = page.getByRole('table').locator('tbody tr td:nth-child(3)')
    await expect(actions.first()).toHaveText('user.created')
    await settled(page)
    for (const cell of await actions.allInnerTexts()) expect(cell).toBe('user.created')
  })
})
