/** A signal that aborts when any of `signals` does, or after `timeoutMs`; dispose() when done with it. */
export function linkSignals(
  signals: readonly (AbortSignal | undefined)[],
  timeoutMs?: number,
): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController()
  const sources = signals.filter((signal): signal is AbortSignal => signal !== undefined)
  const abort = () => controller.abort()
  // Listeners, not AbortSignal.any: they are removed when the request ends, so a long-lived signal holds none of them.
  for (const source of sources) {
    if (source.aborted) controller.abort()
    else source.addEventListener('abort', abort, { once: true })
  }
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(
          () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
          timeoutMs,
        )
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer)
      for (const source of sources) source.removeEventListener('abort', abort)
    },
  }
}

/** Waits `ms` with `sleep`, or less when `signal` aborts first. */
export async function sleepUnlessAborted(
  sleep: (ms: number, signal: AbortSignal) => Promise<void>,
  ms: number,
  signal: AbortSignal,
): Promise<void> {
  if (signal.aborted) return
  let stop = () => {}
  const aborted = new Promise<void>((resolve) => {
    stop = resolve
    signal.addEventListener('abort', stop, { once: true })
  })
  try {
    await Promise.race([sleep(ms, signal), aborted])
  } finally {
    signal.removeEventListener('abort', stop)
  }
}
