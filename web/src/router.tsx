/**
 * Two shells in one SPA: the public portal at / and the officials' workspace at /office.
 * The workspace is a separate chunk (React.lazy) so citizens never download it. Declarative
 * routes (BrowserRouter) keep react-router's data-router code out of the portal bundle.
 */
import { lazy, Suspense } from 'react'
import { BrowserRouter, Route, Routes } from 'react-router-dom'
import { HomePage } from './portal/HomePage.tsx'
import { NotFoundPage } from './portal/NotFoundPage.tsx'
import { PortalShell } from './portal/PortalShell.tsx'
import { ErrorBoundary } from './ui/ErrorBoundary.tsx'
import { LoadingState } from './ui/LoadingState.tsx'

const OfficeApp = lazy(() => import('./office/OfficeApp.tsx'))

export function AppRoutes() {
  return (
    <BrowserRouter>
      <ErrorBoundary>
        <Routes>
          <Route
            path="/office/*"
            element={
              <Suspense fallback={<LoadingState />}>
                <OfficeApp />
              </Suspense>
            }
          />
          <Route path="/" element={<PortalShell />}>
            <Route index element={<HomePage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </ErrorBoundary>
    </BrowserRouter>
  )
}
