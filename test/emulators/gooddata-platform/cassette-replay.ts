import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { requestJson } from '../shared/json-request.js'
import type { RunningGoodDataPlatformEmulator } from './server.js'

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'gooddata-platform')

/** One recorded request and its answer; header names as Ruby-VCR stored them (`X-Gdc-Authtt`). */
export interface Interaction {
  readonly request: {
    readonly method: string
    readonly uri: string
    readonly body: unknown
    readonly headers: Record<string, string[]>
  }
  readonly response: {
    readonly status: { code: number }
    readonly headers: Record<string, string[]>
    readonly body: { string: unknown }
  }
}

export function readCassette(name: string): Interaction[] {
  return (parse(readFileSync(join(FIXTURES, name), 'utf8'), { maxAliasCount: -1 }) as { interactions: Interaction[] })
    .interactions
}

/** A recorded header's first value, its name compared ignoring case. */
export function recordedHeader(headers: Record<string, string[]>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1][0]
}

/** The project ids a cassette names, in order of appearance: the first is the one to seed. */
export function projectIds(interactions: readonly Interaction[]): string[] {
  return [
    ...new Set(
      [...JSON.stringify(interactions).matchAll(/\/gdc\/(?:internal\/)?projects\/([a-z0-9]{32})/g)].map(
        (match) => match[1]!,
      ),
    ),
  ]
}

/** Keys the servers of 2019 and 2022 answer that older recordings lack (wire facts §A2.1, §A5). */
const NEWER_SERVER_KEYS = new Set([
  'auditEvents',
  'domain',
  'ssoProvider',
  'canExportFromADS',
  'canManageCustomDataset',
])

/**
 * Where `live` differs in shape from `recorded`: the same keys (bar NEWER_SERVER_KEYS) and types
 * all the way down, null standing for a string not set; lists empty exactly when the recording's
 * is, each item shaped like the recorded item at its place (or the last one). Values, ids and
 * key order may differ: the recordings' data is not the seed's, and key order is not stable
 * between server versions (wire facts §A0).
 */
export function shapeProblems(recorded: unknown, live: unknown, at = '$'): string[] {
  const [was, is] = [kindOf(recorded), kindOf(live)]
  if (was === 'null' || is === 'null')
    return ['null', 'string'].includes(was) && ['null', 'string'].includes(is)
      ? []
      : [`${at}: recorded ${was}, answered ${is}`]
  if (was !== is) return [`${at}: recorded ${was}, answered ${is}`]
  if (was === 'array') {
    const [before, now] = [recorded as unknown[], live as unknown[]]
    if ((before.length === 0) !== (now.length === 0))
      return [`${at}: recorded ${before.length} items, answered ${now.length}`]
    return now.flatMap((item, index) =>
      shapeProblems(before[Math.min(index, before.length - 1)], item, `${at}[${index}]`),
    )
  }
  if (was !== 'object') return []
  const [before, now] = [recorded as Record<string, unknown>, live as Record<string, unknown>]
  const missing = Object.keys(before)
    .filter((key) => !(key in now))
    .map((key) => `${at}.${key}: recorded, not answered`)
  const extra = Object.keys(now)
    .filter((key) => !(key in before) && !NEWER_SERVER_KEYS.has(key))
    .map((key) => `${at}.${key}: answered, not recorded`)
  const shared = Object.keys(before)
    .filter((key) => key in now)
    .flatMap((key) => shapeProblems(before[key], now[key], `${at}.${key}`))
  return [...missing, ...extra, ...shared]
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
}

/**
 * The recorded Content-Type, except for user groups recorded before 2022, which carried a charset
 * that the 2022 servers, and so the emulator, leave out (wire facts §A0).
 */
function expectedContentType(path: string, response: Interaction['response']): string | null {
  const recorded = recordedHeader(response.headers, 'Content-Type') ?? null
  const year = Number(/\b(\d{4})\b/.exec(recordedHeader(response.headers, 'Date') ?? '')?.[1])
  return recorded && /^\/gdc\/userGroups(\/[^/?]+)?(\?|$)/.test(path) && year < 2022 ? 'application/json' : recorded
}

/**
 * Replays a cassette and answers every difference found. The scrubbed secrets become live ones:
 * `<PASSWORD>` the seeded users' password, the SST and TT those the emulator gave; every project
 * id the cassette names becomes the seeded project, and the id of anything created (a `uri` in
 * the answer) the emulator's. A recorded 401 is provoked as it happened: a wrong password on
 * login, a stale SST on the token, an expired TT elsewhere.
 */
export async function replay(
  emulator: RunningGoodDataPlatformEmulator,
  interactions: readonly Interaction[],
  who: { login: string; password: string },
): Promise<string[]> {
  const ids = new Map(projectIds(interactions).map((id) => [id, emulator.state.project]))
  const rewrite = (text: string) => [...ids].reduce((done, [from, to]) => done.replaceAll(from, to), text)
  const tokens: { sst?: string | undefined; tt?: string | undefined } = {}
  const first = interactions[0]!.request
  if (!(first.method === 'POST' && first.uri.endsWith('/gdc/account/login'))) {
    const login = await send(
      emulator.url,
      'POST',
      '/gdc/account/login',
      {},
      { postUserLogin: { ...who, remember: 1, verify_level: 2 } },
    )
    Object.assign(tokens, {
      sst: login.headers.get('x-gdc-authsst') ?? undefined,
      tt: login.headers.get('x-gdc-authtt') ?? undefined,
    })
  }
  const problems: string[] = []
  for (const [index, { request, response }] of interactions.entries()) {
    const url = new URL(request.uri)
    const path = rewrite(`${url.pathname}${url.search}`)
    const where = `#${index} ${request.method} ${path}`
    const [isLogin, isToken, failed] = [
      url.pathname === '/gdc/account/login',
      url.pathname === '/gdc/account/token',
      response.status.code === 401,
    ]
    if (failed && !isLogin && !isToken) emulator.state.sessions.expireTemporaryTokens()
    const headers: Record<string, string> = {}
    for (const name of ['Accept', 'Content-Type', 'X-Gdc-Request', 'X-Gdc-Version']) {
      const value = recordedHeader(request.headers, name)
      if (value !== undefined) headers[name.toLowerCase()] = value
    }
    if (recordedHeader(request.headers, 'X-Gdc-Authtt')) headers['x-gdc-authtt'] = tokens.tt ?? ''
    if (recordedHeader(request.headers, 'X-Gdc-Authsst'))
      headers['x-gdc-authsst'] = failed && isToken ? 'stale-sst' : (tokens.sst ?? '')
    const password = failed && isLogin ? 'wrong-password' : who.password
    const body =
      request.body === null
        ? undefined
        : JSON.parse(rewrite(JSON.stringify(request.body)).replaceAll('<PASSWORD>', password))
    const answer = await send(emulator.url, request.method, path, headers, body)
    const check = (what: string, live: unknown, expected: unknown) => {
      if (live !== expected)
        problems.push(`${where}: ${what} ${JSON.stringify(live)}, recorded ${JSON.stringify(expected)}`)
    }
    check('status', answer.status, response.status.code)
    check('content type', answer.headers.get('content-type'), expectedContentType(url.pathname, response))
    check(
      'WWW-Authenticate',
      answer.headers.get('www-authenticate'),
      recordedHeader(response.headers, 'Www-Authenticate') ?? null,
    )
    check(
      'cookie set',
      answer.headers.get('set-cookie')?.split('=')[0] ?? null,
      recordedHeader(response.headers, 'Set-Cookie')?.split('=')[0] ?? null,
    )
    for (const name of ['X-Gdc-Authsst', 'X-Gdc-Authtt'])
      check(`${name} answered`, answer.headers.has(name), recordedHeader(response.headers, name) !== undefined)
    if (
      !new RegExp(`^${escapeRegExp(headers['x-gdc-request'] ?? '')}:[A-Za-z0-9_-]{16}$`).test(
        answer.headers.get('x-gdc-request') ?? '',
      )
    ) {
      problems.push(
        `${where}: X-GDC-Request ${answer.headers.get('x-gdc-request')} does not extend ${headers['x-gdc-request']}`,
      )
    }
    const recorded = response.body.string
    if (recorded === '' || answer.body === undefined) check('body', answer.body ?? '', recorded === '' ? '' : 'a body')
    else problems.push(...shapeProblems(recorded, answer.body, where))
    const [before, now] = [
      (recorded as { uri?: string } | null)?.uri,
      (answer.body as { uri?: string } | undefined)?.uri,
    ]
    if (before && now) ids.set(before.split('/').pop()!, now.split('/').pop()!)
    const location = recordedHeader(response.headers, 'Location')
    check('Location', answer.headers.get('location'), location === undefined ? null : rewrite(location))
    if (answer.status === 200 && (isLogin || isToken)) {
      if (isLogin) tokens.sst = answer.headers.get('x-gdc-authsst') ?? undefined
      tokens.tt = answer.headers.get('x-gdc-authtt') ?? undefined
    }
  }
  return problems
}

function send(origin: string, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  return requestJson(`${origin}${path}`, { method, headers, ...(body === undefined ? {} : { body }) })
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
