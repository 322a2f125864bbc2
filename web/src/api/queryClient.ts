/**
 * Server state (@tanstack/react-query): one QueryClient for the app. Queries are keyed by the
 * route's path and their inputs (`endpointQueryKey` in routes.ts), so a write invalidates every
 * query under the paths it changes. A cached answer is shown at once and refetched when a page
 * mounts again (staleTime 0): pages that still write through useAction cannot leave a list stale.
 * A refusal (4xx) is never retried; a network failure or a 5xx is retried once. Sign-out clears
 * the whole cache (office/org/directories.ts).
 */
import { QueryClient } from '@tanstack/react-query'
import { ApiError } from './client.ts'

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 0,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => failureCount < 1 && error instanceof ApiError && (error.status === 0 || error.status >= 500),
      },
      mutations: { retry: false },
    },
  })
}

export const queryClient = createQueryClient()
