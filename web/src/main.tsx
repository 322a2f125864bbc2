/** Entry point: i18n, Mantine, server state (react-query), router. */
import '@mantine/core/styles.css'
import './ui/global.css'
import './i18n/index.ts'
import { MantineProvider } from '@mantine/core'
import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AppRoutes } from './router.tsx'
import { queryClient } from './api/queryClient.ts'
import { cssVariablesResolver, theme } from './theme.ts'

const container = document.getElementById('root')
if (!container) throw new Error('#root is missing from index.html')

createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <AppRoutes />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
)
