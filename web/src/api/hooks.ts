/**
 * react-query on the endpoint table: `useEndpointQuery(routes.listUnits, { query })` loads and
 * caches a GET under its path's key; `useEndpointMutation(routes.updateUnit, { invalidates })`
 * runs a write and then refreshes every query under the paths it changes.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient, type UseMutationResult, type UseQueryResult } from '@tanstack/react-query'
import { callApi, endpointQueryKey, queryKeyOf, type AllOptional, type Endpoint, type EndpointInput, type EndpointOutput } from './routes.ts'

type CallInput<E extends Endpoint> = Omit<EndpointInput<E>, 'signal'>

interface EndpointQueryOptions {
  enabled?: boolean
  /** Keep showing the previous answer while the next one loads (paging, filters). */
  keepPrevious?: boolean
}

function call<E extends Endpoint>(route: E, input: CallInput<E> | undefined, signal?: AbortSignal): Promise<EndpointOutput<E>> {
  return (callApi as (route: E, input: EndpointInput<E>) => Promise<EndpointOutput<E>>)(route, { ...(input ?? {}), signal } as EndpointInput<E>)
}

export function useEndpointQuery<E extends Endpoint>(
  route: E,
  ...[input, options]: AllOptional<CallInput<E>> extends true ? [input?: CallInput<E>, options?: EndpointQueryOptions] : [input: CallInput<E>, options?: EndpointQueryOptions]
): UseQueryResult<EndpointOutput<E>> {
  return useQuery({
    queryKey: endpointQueryKey(route, input),
    queryFn: ({ signal }) => call(route, input, signal),
    enabled: options?.enabled ?? true,
    placeholderData: options?.keepPrevious ? keepPreviousData : undefined,
  })
}

/** Refreshes every query whose path starts with one of `paths` (e.g. '/api/units'). */
export function invalidatePaths(client: QueryClient, paths: readonly string[]): Promise<void> {
  return Promise.all(paths.map((path) => client.invalidateQueries({ queryKey: queryKeyOf(path) }))).then(() => undefined)
}

interface EndpointMutationOptions<E extends Endpoint> {
  /** Paths whose queries are stale after the write. */
  invalidates?: readonly string[]
  onSuccess?: (data: EndpointOutput<E>, input: CallInput<E>) => void
}

export function useEndpointMutation<E extends Endpoint>(route: E, options: EndpointMutationOptions<E> = {}): UseMutationResult<EndpointOutput<E>, unknown, CallInput<E>> {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: CallInput<E>) => call(route, input),
    onSuccess: async (data, input) => {
      if (options.invalidates) await invalidatePaths(client, options.invalidates)
      options.onSuccess?.(data, input)
    },
  })
}
