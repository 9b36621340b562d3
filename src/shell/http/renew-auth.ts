import { ApiError } from './api-error.js'
import type { Auth } from './dialect.js'
import { scrubError } from './network-error.js'

/**
 * Asks `auth` to renew its credentials after `unauthorized` (a 401 answer): whether it did. When
 * renewing fails, an ApiError for the request that got the 401, caused by that failure.
 */
export async function renewAuth(auth: Auth, unauthorized: ApiError, signal: AbortSignal): Promise<boolean> {
  if (!auth.onUnauthorized) return false
  try {
    return await auth.onUnauthorized(signal)
  } catch (error) {
    if (signal.aborted) return false
    // A typed error from the session's own request is already redacted; anything else is not.
    const cause = error instanceof ApiError ? error : scrubError(error, auth.secrets())
    const { method, path, traceId, title, attempts } = unauthorized
    const detail = `renewing the credentials failed: ${cause.message}`
    throw new ApiError({ status: 401, method, path, traceId, title, detail, attempts, cause })
  }
}
