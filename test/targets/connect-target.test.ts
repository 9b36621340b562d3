import { describe, expect, it } from 'vitest'
import { connectFromEnvironment } from '../../src/shell/targets/connect-target.js'
import { UsageError } from '../../src/shell/usage-error.js'

describe('connectFromEnvironment', () => {
  it('opendatasoft: without ODS_API_KEY, says what to set', () => {
    const connect = () => connectFromEnvironment({ type: 'opendatasoft', host: 'data.example.com' }, { env: {}, concurrency: 1 })
    expect(connect).toThrow(UsageError)
    expect(connect).toThrow('no token: set ODS_API_KEY to an API key of the domain with the edit_domain permission (never pass it on the command line)')
  })

  it('opendatasoft: the host from ODS_HOST, with or without its scheme', async () => {
    const target = connectFromEnvironment({ type: 'opendatasoft' }, { env: { ODS_HOST: 'data.example.com', ODS_API_KEY: 'k' }, concurrency: 1 })
    try {
      expect(target.description).toBe('Opendatasoft at https://data.example.com')
      expect(target.host).toBe('https://data.example.com')
      expect(target.profile.type).toBe('opendatasoft')
    } finally {
      await target.close()
    }
  })

  it('opendatasoft: provision without an identity provider is refused before any request', () => {
    const target = { type: 'opendatasoft', host: 'https://data.example.com', opendatasoft: { createUsersBy: 'provision' } } as const
    expect(() => connectFromEnvironment(target, { env: { ODS_API_KEY: 'k' }, concurrency: 1 })).toThrow(/provision needs opendatasoft\.identity_provider/)
  })
})
