import { describe, expect, it } from 'vitest'
import { describeMissing, readCredentials } from '../../src/shell/targets/read-credentials.js'
import { UsageError } from '../../src/shell/usage-error.js'

// Two ways to sign in, as the legacy GoodData Platform has them: a login and password, or an SST.
const LOGIN = {
  signIn: [
    [
      { key: 'username', env: 'GDC_USERNAME', input: 'username' },
      { key: 'password', env: 'GDC_PASSWORD', input: 'password' },
    ],
    [{ key: 'sst', env: 'GDC_SST', input: 'token' }],
  ],
  credentialsAre: 'a login and password of a domain admin, or their SST',
} as const
const TOKEN = {
  signIn: [[{ key: 'token', env: 'GOODDATA_TOKEN', input: 'token' }]],
  credentialsAre: 'an API token of the organization',
} as const

/** A lookup over a few set values, by variable or by input. */
const from = (values: Record<string, string>, via: 'env' | 'input') => (part: { env: string; input: string }) =>
  values[part[via]]

describe('readCredentials', () => {
  it('takes the first way to sign in whose parts are all set', () => {
    expect(
      readCredentials(LOGIN, 'env', from({ GDC_USERNAME: 'admin', GDC_PASSWORD: 'pw', GDC_SST: 'sst' }, 'env')),
    ).toEqual({ username: 'admin', password: 'pw' })
    expect(readCredentials(LOGIN, 'env', from({ GDC_USERNAME: 'admin', GDC_SST: 'sst' }, 'env'))).toEqual({
      sst: 'sst',
    })
    expect(readCredentials(LOGIN, 'input', from({ token: 'sst' }, 'input'))).toEqual({ sst: 'sst' })
  })

  it('names every way by variable, for the CLI, and never echoes a value it found', () => {
    const read = () => readCredentials(LOGIN, 'env', from({ GDC_USERNAME: 'admin-login' }, 'env'))
    expect(read).toThrow(UsageError)
    expect(read).toThrow(
      'no credentials: set GDC_USERNAME and GDC_PASSWORD, or GDC_SST to a login and password of a domain admin, or their SST (never pass them on the command line)',
    )
    expect(read).not.toThrow(/admin-login/)
    expect(describeMissing(TOKEN, 'env')).toBe(
      'no token: set GOODDATA_TOKEN to an API token of the organization (never pass it on the command line)',
    )
  })

  it('names the inputs and the secrets to pass them from, for the action', () => {
    expect(describeMissing(TOKEN, 'input', 'plan')).toBe(
      'the token input is empty: plan needs an API token of the organization; pass it from a repository or environment secret (token: ${{ secrets.GOODDATA_TOKEN }}) and check that the secret exists under that name',
    )
    expect(describeMissing(LOGIN, 'input', 'apply')).toMatch(
      /^the username and password, or token inputs are empty: apply needs .*\(username: \$\{\{ secrets\.GDC_USERNAME \}\}, password: \$\{\{ secrets\.GDC_PASSWORD \}\}\)/,
    )
  })

  it('refuses a token a header cannot carry (a line break from a file saved on Windows, non-ASCII), naming where it came from, not what it holds', () => {
    const read = (value: string) => () => readCredentials(TOKEN, 'env', from({ GOODDATA_TOKEN: value }, 'env'))
    expect(read('abc\r')).toThrow(
      'GOODDATA_TOKEN holds a space, a line break or a character outside ASCII, which no token has; set it again without them',
    )
    expect(read('k€y')).toThrow(UsageError)
    expect(read('k€y')).not.toThrow(/k€y/)
    // A login and a password go in a JSON body, where any character is fine.
    expect(
      readCredentials(LOGIN, 'input', from({ username: 'änn@example.com', password: 'pässwörd with spaces' }, 'input')),
    ).toEqual({ username: 'änn@example.com', password: 'pässwörd with spaces' })
  })
})
