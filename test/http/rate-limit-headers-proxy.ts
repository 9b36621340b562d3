import { readBody, startLoopbackServer, type LoopbackServer } from '../emulators/shared/loopback-server.js'
import { FixedWindowRateLimit } from '../emulators/shared/rate-limit.js'

/** Request headers that belong to one connection, not to the request passed on. */
const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding'])

/**
 * The emulators' rate limit (fixed one-second windows, the one `--rate-limit` turns on) in a
 * loopback proxy before an emulator started without one, adding the X-RateLimit-* headers to
 * every answer, as GoodData Cloud does (gooddata-cloud.md §2.12); the emulators send them on their
 * 429s only. Limit and headers are counted at the same moment, so Remaining is exactly what is
 * left, and Reset the fractional seconds to the next window.
 */
export async function startRateLimitHeadersProxy(
  upstream: string,
  limit: number,
): Promise<LoopbackServer & { readonly refused: () => number }> {
  const rateLimit = new FixedWindowRateLimit(limit)
  let window = { second: -1, count: 0 }
  let refused = 0
  const server = await startLoopbackServer(async (request, response) => {
    const now = Date.now()
    const limited = rateLimit.take(now)
    const second = Math.floor(now / 1000)
    window = { second, count: window.second === second ? window.count + 1 : 1 }
    const body = await readBody(request)
    if (limited) {
      refused++
      response.writeHead(429, { 'content-type': 'application/json', ...limited })
      response.end(JSON.stringify({ error: 'Too Many Requests', message: 'Rate limit exceeded. Try again later.' }))
      return
    }
    const told = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - window.count)),
      'x-ratelimit-reset': (((second + 1) * 1000 - now) / 1000).toFixed(3),
    }
    const headers = Object.entries(request.headers).flatMap(([name, value]) =>
      HOP_BY_HOP.has(name) || value === undefined ? [] : [[name, String(value)] as [string, string]],
    )
    const answer = await fetch(`${upstream}${request.url ?? '/'}`, {
      method: request.method ?? 'GET',
      headers,
      ...(body === '' ? {} : { body }),
    })
    const text = await answer.text()
    const passed: Record<string, string> = {}
    answer.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name) && name !== 'content-encoding') passed[name] = value
    })
    response.writeHead(answer.status, { ...passed, ...told })
    response.end(text)
  })
  return { ...server, refused: () => refused }
}
