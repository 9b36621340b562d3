import { afterEach } from 'vitest'

interface Closable {
  close(): Promise<void>
}

/** What every adapter test's client gets: no real waits, bounded tries, and each retry written down. */
export function testClient(retries: string[]) {
  return {
    sleep: async () => {},
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    requestTimeoutMs: 5_000,
    onRetry: ({ method, path, reason }: { method: string; path: string; reason: string }) =>
      void retries.push(`${method} ${path} ${reason}`),
  }
}

/**
 * Sessions of an emulator and a target on it, closed after each test (target first); then every
 * session is asked `leaked`, which names a secret that reached a URL, and the test fails if so.
 */
export function targetSessions<S extends { readonly emulator: Closable; readonly target: Closable }>(
  leaked: (session: S) => string | undefined,
): (session: S) => S {
  const opened: S[] = []
  afterEach(async () => {
    const sessions = opened.splice(0)
    for (const { target, emulator } of [...sessions].reverse()) {
      await target.close()
      await emulator.close()
    }
    for (const session of sessions) {
      const why = leaked(session)
      if (why) throw new Error(why)
    }
  })
  return (session) => (opened.push(session), session)
}
