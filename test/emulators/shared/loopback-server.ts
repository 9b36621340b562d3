import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** Handles one request; a throw answers 500 with the error's text. */
export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>

/** An HTTP server listening on 127.0.0.1 only. */
export interface LoopbackServer {
  readonly origin: string
  readonly port: number
  close(): Promise<void>
}

/** Starts `handle` on 127.0.0.1; port 0 (the default) picks a free port. */
export async function startLoopbackServer(handle: RequestHandler, port = 0): Promise<LoopbackServer> {
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      response.statusCode = 500
      response.end(String(error))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const listening = (server.address() as AddressInfo).port
  return {
    origin: `http://127.0.0.1:${listening}`,
    port: listening,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The whole request body as text. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Waits out the latency of a request that reached the server at `arrivedAt` (performance.now()) and took `workMs` of
 * its own work: the answer leaves `latencyMs` after the request arrived, plus that work. A server answers concurrent
 * requests on many threads; here one thread routes them in turn, and counting from the end of the routing would have
 * each request wait for the work of those routed before it as well. 0 or undefined does not wait.
 */
export async function waitLatency(latencyMs: number | undefined, arrivedAt: number, workMs: number): Promise<void> {
  if (!latencyMs) return
  const wait = arrivedAt + latencyMs + workMs - performance.now()
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
}
