import type { groupDocument, userDocument } from './documents.js'
import { DEFAULT_API_KEY, type RunningOpendatasoftEmulator } from './server.js'

export type UserDoc = ReturnType<typeof userDocument>
export type GroupDoc = ReturnType<typeof groupDocument>
export type PageDoc<T> = { total_count: number | null; next: string | null; previous: string | null; results: T[] }
export type ErrorDoc = { error_code: string; message: string; detail?: Record<string, string[]>; trace_id?: string }
export type BatchDoc = Record<
  string,
  { status_code: 'success'; data: UserDoc } | { status_code: 'error'; error: ErrorDoc }
>

/** An answer: its status, its parsed JSON body (undefined when empty) and its headers. */
export interface Answer<Body = unknown> {
  readonly status: number
  readonly body: Body
  readonly headers: Headers
}

/** Calls the emulator's Automation API over HTTP, with the default key unless headers say otherwise. */
export function apiClient(emulator: RunningOpendatasoftEmulator) {
  /** `Body` is what the test expects the answer to hold; it is not checked. */
  return async function call<Body = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Answer<Body>> {
    const url = path.startsWith('http') ? path : `${emulator.apiUrl}${path}`
    const answer = await fetch(url, {
      method,
      headers: {
        authorization: `apikey ${DEFAULT_API_KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(5_000),
    })
    const text = await answer.text()
    return {
      status: answer.status,
      body: (text === '' ? undefined : JSON.parse(text)) as Body,
      headers: answer.headers,
    }
  }
}
