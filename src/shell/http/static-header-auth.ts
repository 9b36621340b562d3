import type { Auth } from './dialect.js'

/** A credential sent the same way on every request, e.g. `Authorization: Bearer <token>`. */
export interface StaticHeader {
  /** The header's name, e.g. `authorization` or `x-gdc-authsst`. */
  readonly name: string
  /** The word before the secret (`Bearer`, `apikey`), if any. */
  readonly scheme?: string
  readonly secret: string
}

/** Auth by one unchanging header; a 401 means the secret is wrong, so nothing is renewed. */
export function staticHeaderAuth(header: StaticHeader): Auth {
  const value = header.scheme === undefined ? header.secret : `${header.scheme} ${header.secret}`
  const headers = { [header.name.toLowerCase()]: value }
  const secrets = [header.secret]
  return {
    headers: () => Promise.resolve(headers),
    secrets: () => secrets,
  }
}
