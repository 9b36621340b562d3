/** An answer: its status, its JSON body parsed (undefined when empty) and its headers. */
export interface JsonAnswer<Body = unknown> {
  readonly status: number
  readonly body: Body
  readonly headers: Headers
}

/**
 * One request to an emulator, a JSON body sent as such, bounded by a timeout. Redirects are
 * answered, not followed, so a test sees a 302 or 307 itself. `Body` is what the test expects the
 * answer to hold; it is not checked.
 */
export async function requestJson<Body = unknown>(
  url: string,
  init: { readonly method: string; readonly headers?: Readonly<Record<string, string>>; readonly body?: unknown },
): Promise<JsonAnswer<Body>> {
  const sent = init.body === undefined ? {} : { body: JSON.stringify(init.body) }
  const answer = await fetch(url, {
    method: init.method,
    redirect: 'manual',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    ...sent,
    signal: AbortSignal.timeout(5_000),
  })
  const text = await answer.text()
  return { status: answer.status, body: (text === '' ? undefined : JSON.parse(text)) as Body, headers: answer.headers }
}
