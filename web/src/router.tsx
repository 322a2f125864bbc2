/**
 * Two shells in one SPA: the public portal at / and the officials' workspace at /office.
 * The workspace is a separate chunk (React.lazy) so citizens never download it.
 */
import { lazy, Suspense } from 'react'
import { createBrowserRouter } from 'react-router-dom'
import { HomePage } from './portal/HomePage.tsx'
import { NotFoundPage } from './portal/NotFoundPage.tsx'
import { PortalShell } from './portal/PortalShell.tsx'
import { LoadingState } from './ui/LoadingState.tsx'
import { RouteErrorPage } from './ui/RouteErrorPage.tsx'

const OfficeApp = lazy(() => import('./office/OfficeApp.tsx'))

export const router = createBrowserRouter([
  {
    path: '/',
    element: <PortalShell />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  {
    path: '/office/*',
    errorElement: <RouteErrorPage />,
    element: (
      <Suspense fallback={<LoadingState />}>
        <OfficeApp />
      </Suspense>
    ),
  },
])
