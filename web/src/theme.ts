/** Mantine theme: a restrained government palette (red primary, as on national public-service portals). */
import { createTheme } from '@mantine/core'

export const theme = createTheme({
  primaryColor: 'red',
  primaryShade: { light: 8, dark: 6 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  defaultRadius: 'sm',
  focusRing: 'auto',
  headings: { fontWeight: '700' },
})
