import { describe, expect, it } from 'vitest'
import { connectFromEnvironment } from '../../src/shell/targets/connect-target.js'
import { UsageError } from '../../src/shell/usage-error.js'

describe('connectFromEnvironment', () => {
  it('opendatasoft: without ODS_API_KEY, says what to set', () => {
    const connect = () =>
      connectFromEnvironment({ type: 'opendatasoft', host: 'data.example.com' }, { env: {}, concurrency: 1 })
    expect(connect).toThrow(UsageError)
    expect(connect).toThrow(
      'no token: set ODS_API_KEY to an API key of the domain with the edit_domain permission (never pass it on the command line)',
    )
  })

  it('opendatasoft: the host from ODS_HOST, with or without its scheme', async () => {
    const target = connectFromEnvironment(
      { type: 'opendatasoft' },
      { env: { ODS_HOST: 'data.example.com', ODS_API_KEY: 'k' }, concurrency: 1 },
    )
    try {
      expect(target.description).toBe('Opendatasoft at https://data.example.com')
      expect(target.host).toBe('https://data.example.com')
      expect(target.profile.type).toBe('opendatasoft')
    } finally {
      await target.close()
    }
  })

  it('opendatasoft: provision without an identity provider is refused before any request', () => {
    const target = {
      type: 'opendatasoft',
      host: 'https://data.example.com',
      opendatasoft: { createUsersBy: 'provision' },
    } as const
    expect(() => connectFromEnvironment(target, { env: { ODS_API_KEY: 'k' }, concurrency: 1 })).toThrow(
      /provision needs opendatasoft\.identity_provider/,
    )
  })

  const platform = {
    type: 'gooddata-platform',
    host: 'https://secure.gooddata.com',
    gooddataPlatform: { domain: 'acme', project: 'p1', removal: 'disable', defaultRole: 'readOnlyUserRole' },
  } as const

  it('gooddata-platform: without credentials, names both ways to sign in', () => {
    const connect = () => connectFromEnvironment(platform, { env: {}, concurrency: 1 })
    expect(connect).toThrow(UsageError)
    expect(connect).toThrow(
      'no credentials: set GDC_USERNAME and GDC_PASSWORD, or GDC_SST to the login and password of a domain admin, or their SST (never pass them on the command line)',
    )
    // A username alone is not a way to sign in, and is never echoed.
    expect(() =>
      connectFromEnvironment(platform, { env: { GDC_USERNAME: 'someone@acme.example' }, concurrency: 1 }),
    ).toThrow(/^no credentials: set GDC_USERNAME and GDC_PASSWORD, or GDC_SST/)
  })

  it('gooddata-platform: the host from GDC_HOST, signed in by SST or by login; nothing is sent until the first read', async () => {
    for (const env of [{ GDC_SST: 'sst' }, { GDC_USERNAME: 'a@acme.example', GDC_PASSWORD: 'pw' }]) {
      const { host: _host, ...withoutHost } = platform
      const target = connectFromEnvironment(withoutHost, {
        env: { GDC_HOST: 'secure.gooddata.com', ...env },
        concurrency: 1,
      })
      try {
        expect(target.description).toBe('the legacy GoodData Platform at https://secure.gooddata.com, project p1')
        expect(target.profile.type).toBe('gooddata-platform')
      } finally {
        await target.close()
      }
    }
  })

  it('gooddata-platform: without a domain and project (export names none), says what it needs', () => {
    expect(() =>
      connectFromEnvironment(
        { type: 'gooddata-platform', host: 'secure.gooddata.com' },
        { env: { GDC_SST: 'sst' }, concurrency: 1 },
      ),
    ).toThrow(/needs target\.domain \(the user domain\) and target\.project \(the project id\)/)
  })
})
