/** Mantine theme: a restrained government palette (red primary, as on national public-service portals). */
import { Alert, Badge, createTheme } from '@mantine/core'

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
