/** Mantine theme: a restrained government palette (red primary, as on national public-service portals). */
import { Alert, Badge, createTheme, type CSSVariablesResolver } from '@mantine/core'

export const theme = createTheme({
  primaryColor: 'red',
  primaryShade: { light: 8, dark: 6 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  defaultRadius: 'sm',
  focusRing: 'auto',
  headings: { fontWeight: '700' },
  components: {
    // Vietnamese reads badly in small capitals, and long role names must not be cut off.
    Badge: Badge.extend({ defaultProps: { tt: 'none' }, styles: { root: { minWidth: 'fit-content' } } }),
    // Light alert titles are coloured text on a tinted background: keep them at body-text contrast.
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }),
  },
})

/** A green dark enough for white text on it (5.4:1) and for text on green.1 (4.7:1). */
const ACCESSIBLE_GREEN = '#1f7a36'

/**
 * Colours raised to WCAG 2.1 AA's 4.5:1 for small text (axe-core color-contrast, measured by the
 * browser tests in e2e/browser):
 * - secondary ("dimmed") text and input descriptions: gray.6 gives 3.3:1 on white and 3.2:1 on
 *   gray.0; gray.7 gives 7.5:1 and 7.2:1;
 * - links: the primary red.8 gives 4.28:1 on a striped row (gray.0); red.9 gives 5.2:1;
 * - error messages: red.6 gives 3.3:1 on white; red.9 gives 5.5:1;
 * - green badges: green.9 under white text gives 4.37:1, and light green text 3.8:1 on its tint.
 */
export const cssVariablesResolver: CSSVariablesResolver = (current) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': current.colors.gray[7],
    '--mantine-color-anchor': current.colors.red[9],
    '--mantine-color-error': current.colors.red[9],
    '--mantine-color-green-filled': ACCESSIBLE_GREEN,
    '--mantine-color-green-light-color': '#1f6b32',
    '--mantine-color-green-outline': '#1f6b32',
  },
  dark: {},
})
