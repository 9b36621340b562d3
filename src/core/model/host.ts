/** A host as written, checked: the origin to send requests to, or why it is refused. */
export type HostCheck = { readonly ok: true; readonly origin: string } | { readonly ok: false; readonly reason: string }

/**
 * The organization's origin from what a user typed: `https://` is added when no scheme is given,
 * trailing slashes are dropped. Refused: other schemes, a user or password in the URL (never
 * echoed), a query or fragment, and plain `http://` except to a loopback address, because the
 * token would travel in clear text (a local GoodData.CN and the emulator listen on loopback).
 */
export function checkHost(input: string): HostCheck {
  const trimmed = input.trim().replace(/\/+$/, '')
  const shown = describeHostInput(input)
  const notAUrl: HostCheck = {
    ok: false,
    reason: `host ${shown} is not a URL; write it like https://analytics.example.com`,
  }
  // Any `@` is refused before parsing: a URL's user and password can only come before one.
  if (trimmed.includes('@')) {
    return {
      ok: false,
      reason: 'host must not carry a user or password; the token is passed separately, never in the URL',
    }
  }
  if (trimmed.includes('\\') || /^[a-z][a-z0-9+.-]*:(?!\/\/|\d)/i.test(trimmed)) return notAUrl
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return notAUrl
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `host ${shown} uses ${url.protocol.slice(0, -1)}; use https://` }
  }
  if (!HOSTNAME.test(url.hostname)) {
    return { ok: false, reason: `host ${shown} does not name a server; write it like https://analytics.example.com` }
  }
  if (url.protocol === 'http:' && !isLoopbackHostname(url.hostname)) {
    return {
      ok: false,
      reason: `host ${shown} uses plain http://, which would send the token in clear text; use https:// (http:// is accepted only for loopback addresses such as 127.0.0.1 and localhost)`,
    }
  }
  if (url.search || url.hash) return { ok: false, reason: `host ${shown} must not have a query or fragment` }
  const path = url.pathname.replace(/\/+$/, '')
  return { ok: true, origin: `${url.protocol}//${url.host}${path}` }
}

/** A DNS name (IDNs arrive as punycode; `_` as container names use it) or an IP address, as the URL parser leaves them. */
const HOSTNAME = /^(\[[0-9a-f:.]+\]|[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*)$/

/** localhost, 127.0.0.0/8 and ::1: addresses that never leave the machine. */
function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name)
}

/**
 * A host as a message may quote it: in quotes, unless it holds `@`, `?` or `#`, where a password or
 * a key could sit (`https://user:pw@…`, `?api_key=…`); then it is not quoted at all.
 */
export function describeHostInput(input: string): string {
  const text = input.trim()
  if (/[@?#]/.test(text)) return '(not shown: it holds @, ? or #)'
  return JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text)
}
