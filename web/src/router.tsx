/**
 * Two shells in one SPA: the public portal at / and the officials' workspace at /office.
 * The workspace is a separate chunk (React.lazy) so citizens never download it, and so are the
 * portal's procedure catalogue pages. Declarative routes (BrowserRouter) keep react-router's
 * data-router code out of the portal bundle.
 */
import { lazy, Suspense, type ReactNode } from 'react'
import { BrowserRouter, Route, Routes } from 'react-router-dom'
import { HomePage } from './portal/HomePage.tsx'
import { NotFoundPage } from './portal/NotFoundPage.tsx'
import { PortalShell } from './portal/PortalShell.tsx'
import { ErrorBoundary } from './ui/ErrorBoundary.tsx'
import { LoadingState } from './ui/LoadingState.tsx'

const OfficeApp = lazy(() => import('./office/OfficeApp.tsx'))
const CataloguePage = lazy(() => import('./portal/procedures/CataloguePage.tsx').then((m) => ({ default: m.CataloguePage })))
const ProcedurePage = lazy(() => import('./portal/procedures/ProcedurePage.tsx').then((m) => ({ default: m.ProcedurePage })))
const OnlineSubmissionPage = lazy(() => import('./portal/procedures/OnlineSubmissionPage.tsx').then((m) => ({ default: m.OnlineSubmissionPage })))

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<LoadingState />}>{children}</Suspense>
}

export function AppRoutes() {
  return (
    <BrowserRouter>
      <ErrorBoundary>
        <Routes>
          <Route
            path="/office/*"
            element={
              <Lazy>
                <OfficeApp />
              </Lazy>
            }
          />
          <Route path="/" element={<PortalShell />}>
            <Route index element={<HomePage />} />
            <Route path="thu-tuc" element={<Lazy><CataloguePage /></Lazy>} />
            <Route path="thu-tuc/:id" element={<Lazy><ProcedurePage /></Lazy>} />
            <Route path="nop-ho-so/:id" element={<Lazy><OnlineSubmissionPage /></Lazy>} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </ErrorBoundary>
    </BrowserRouter>
  )
}
