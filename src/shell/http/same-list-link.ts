/**
 * A list's `next` link as a URL, only when it names the same list (one of `listPaths`) on the
 * origin of `base`: a request there carries the credentials, so a link anywhere else is refused.
 */
export function sameListLink(
  link: string,
  base: URL,
  listPaths: readonly string[],
  refuse: (problem: string) => Error,
): URL {
  let url: URL
  try {
    url = new URL(link, base)
  } catch {
    throw refuse('"next" is not a link')
  }
  if (url.origin !== base.origin)
    throw refuse('"next" points at another origin; only links to the host itself are followed')
  if (!listPaths.includes(url.pathname)) throw refuse('"next" points outside this list')
  return url
}
