/**
 * Shared pieces of the browser tests: the server's address (from the global setup), axe-core
 * checks, signing in as a demo official, and collecting uncaught page errors.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test as base, type Page } from '@playwright/test'

export const DEMO_PASSWORD = process.env.CCHC_DEMO_PASSWORD ?? 'demo12345'

export const test = base.extend<{ pageErrors: string[] }>({
  // The server's address is known only after the global setup has started it.
  baseURL: async ({ baseURL }, use) => {
    const url = process.env.CCHC_BASE_URL ?? baseURL
    if (!url) throw new Error('CCHC_BASE_URL is not set: run through playwright.config.ts (global setup)')
    await use(url)
  },
  pageErrors: async ({ page }, use) => {
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await use(errors)
    expect(errors, 'uncaught errors in the page').toEqual([])
  },
})

export { expect }

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is and fails on any violation of
 * impact serious or critical, listing each rule, its help and the elements it found, one a line.
 */
export async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
  const report = serious
    .map((violation) => {
      const nodes = violation.nodes.slice(0, 8).map((node) => `    ${node.target.join(' ')}\n      ${(node.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`)
      const more = violation.nodes.length > 8 ? [`    … and ${violation.nodes.length - 8} more`] : []
      return [`  [${violation.impact}] ${violation.id}: ${violation.help} (${violation.nodes.length} element(s)) ${violation.helpUrl}`, ...nodes, ...more].join('\n')
    })
    .join('\n')
  expect(serious.length, `axe-core: ${serious.length} serious/critical violation(s) on ${page.url()}\n${report}`).toBe(0)
}

/**
 * Signs in through the API (the context keeps the session cookie) and sets the app's hint that
 * this browser has a session (web/src/office/session.tsx), so the workspace asks /api/auth/me.
 */
export async function signIn(page: Page, username: string): Promise<void> {
  const response = await page.request.post('/api/auth/sign-in', { data: { username, password: DEMO_PASSWORD } })
  expect(response.status(), `sign-in as ${username}`).toBe(200)
  await page.addInitScript(() => window.localStorage.setItem('cchc.hasSession', '1'))
}

/** Waits until no loading indicator (spinner status, Mantine overlay) is left on the page. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
  await expect(page.locator('.mantine-LoadingOverlay-root')).toHaveCount(0)
  await expect(page.getByRole('status').filter({ hasText: /Đang tải|Loading/ })).toHaveCount(0)
}
