import { describe, expect, it } from 'vitest'
import { redactSecrets, secretForms } from '../../src/shell/secrets/redact-secrets.js'

describe('redactSecrets', () => {
  const token = 'YWRtaW46Ym9vdHN0cmFwOmFkbWluMTIz'

  it('knows the raw, base64 (padded, unpadded, URL-safe), URL-encoded and decoded forms of a token', () => {
    expect(secretForms(token)).toEqual(
      expect.arrayContaining([
        token,
        Buffer.from(token).toString('base64'),
        Buffer.from(token).toString('base64url'),
        'admin:bootstrap:admin123',
      ]),
    )
    expect(secretForms('a/b+c==x')).toEqual(
      expect.arrayContaining(['a/b+c==x', 'a%2Fb%2Bc%3D%3Dx', 'YS9iK2M9PXg=', 'YS9iK2M9PXg']),
    )
  })

  it('replaces every form, longest first, so that none leaves a piece behind', () => {
    const echoed = `id ${token} ${Buffer.from(token).toString('base64')} ${Buffer.from(token).toString('base64url')} admin:bootstrap:admin123.`
    expect(redactSecrets(echoed, [token])).toBe('id *** *** *** ***.')
  })

  it('leaves short secrets and unrelated text alone', () => {
    expect(secretForms('abc')).toEqual([])
    expect(redactSecrets('nothing to hide', [token])).toBe('nothing to hide')
  })
})
