/** Entry point: i18n, Mantine, router. */
import '@mantine/core/styles.css'
import './ui/global.css'
import './i18n/index.ts'
import { MantineProvider } from '@mantine/core'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AppRoutes } from './router.tsx'
import { theme } from './theme.ts'

const container = document.getElementById('root')
if (!container) throw new Error('#root is missing from index.html')

createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <AppRoutes />
    </MantineProvider>
  </StrictMode>,
)
