import type { Readable } from 'node:stream'

/** The most one answer may hold: 32 MB, some sixty times a full page of 500 users. */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024

/** A body as JSON, or what kept it from being JSON. */
export type DecodedBody =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly problem: string }

/**
 * The body as text, or undefined as soon as it passes `maxBytes`: reading stops there and the
 * connection is dropped, so a server cannot make us hold more than that, however long it sends.
 */
export async function readBoundedText(
  body: Readable,
  declaredLength: unknown,
  maxBytes: number,
): Promise<string | undefined> {
  if (typeof declaredLength === 'string' && Number(declaredLength) > maxBytes) return discard(body)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBytes) return discard(body)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks, size).toString('utf8')
}

/** Drops the connection under a body; the AbortError that undici reports for it is our own doing. */
function discard(body: Readable): undefined {
  body.on('error', () => {})
  body.destroy()
  return undefined
}

/** JSON by content type and by syntax; an empty body is no body. */
export function decodeJsonBody(text: string, contentType: string): DecodedBody {
  if (text === '') return { ok: true, body: undefined }
  if (!contentType.toLowerCase().includes('json')) {
    return {
      ok: false,
      problem: `content type ${JSON.stringify(contentType.slice(0, 100) || 'none')} where JSON was expected`,
    }
  }
  try {
    return { ok: true, body: JSON.parse(text) }
  } catch {
    return { ok: false, problem: 'the body is not valid JSON' }
  }
}

/** "32 MB" for people; exact bytes below a megabyte. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
}
