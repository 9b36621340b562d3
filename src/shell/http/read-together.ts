import { setMaxListeners } from 'node:events'

type Reads<T extends readonly unknown[]> = { readonly [K in keyof T]: (signal: AbortSignal) => Promise<T[K]> }

/**
 * Runs reads at once and answers their results in order. The first failure aborts the others
 * (they share one signal) and is thrown once every read has stopped, so nothing is left retrying
 * against a client that is about to be closed.
 */
export async function readTogether<T extends readonly unknown[]>(reads: Reads<T>, outer?: AbortSignal): Promise<T> {
  const controller = new AbortController()
  // Every request waiting for a connection listens to this one signal: thousands of pages is not a leak.
  setMaxListeners(0, controller.signal)
  const stop = () => controller.abort()
  if (outer?.aborted) controller.abort()
  outer?.addEventListener('abort', stop, { once: true })
  let failure: { readonly error: unknown } | undefined
  const settled = await Promise.allSettled(
    reads.map((read) =>
      read(controller.signal).catch((error: unknown) => {
        failure ??= { error }
        controller.abort()
        throw error
      }),
    ),
  )
  outer?.removeEventListener('abort', stop)
  if (failure) throw failure.error
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T
}
