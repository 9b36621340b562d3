import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the server got: method, path with query, headers (names in lower case). */
export interface SeenRequest {
  readonly method: string
  readonly url: string
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

/** An answer to write as JSON, or 'drop' to hang up without one. */
export type ScriptedAnswer =
  | { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string> }
  | 'drop'

export interface ScriptedServer {
  readonly url: string
  readonly seen: SeenRequest[]
  close(): Promise<void>
}

/** A loopback HTTP server that answers each request as `answer` says and records what it got. */
export async function startScriptedServer(answer: (request: SeenRequest) => ScriptedAnswer): Promise<ScriptedServer> {
  const seen: SeenRequest[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const got = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      }
      seen.push(got)
      const scripted = answer(got)
      if (scripted === 'drop') return void request.socket.destroy()
      response.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers })
      response.end(scripted.body === undefined ? '' : JSON.stringify(scripted.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close }
}
