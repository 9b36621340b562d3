import { UsageError } from '../usage-error.js'

/**
 * The organization's origin from what a user typed: `https://` is added when no scheme is
 * given, trailing slashes are dropped, and `http://` is kept as given (a local GoodData.CN
 * serves plain HTTP; gooddata-pipelines rewrites it to https and cannot reach one).
 */
export function normalizeHost(input: string): string {
  const trimmed = input.trim().replace(/\/+$/, '')
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new UsageError(`host ${JSON.stringify(input)} is not a URL; write it like https://analytics.example.com`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`host ${JSON.stringify(input)} uses ${url.protocol.slice(0, -1)}; use https:// (or http:// for a local server)`)
  }
  if (url.username || url.password) throw new UsageError('host must not carry a user or password; pass the token through GOODDATA_TOKEN')
  if (url.search || url.hash) throw new UsageError(`host ${JSON.stringify(input)} must not have a query or fragment`)
  const path = url.pathname.replace(/\/+$/, '')
  return `${url.protocol}//${url.host}${path}`
}
