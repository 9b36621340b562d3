import { describe, expect, it } from 'vitest'
import { opendatasoftDialect } from '../../src/shell/targets/opendatasoft/opendatasoft-dialect.js'
import { DEFAULT_API_KEY } from '../emulators/opendatasoft/server.js'

describe('the dialect', () => {
  it('sends the key as Authorization: apikey <key>, the scheme word exactly as the description writes it', async () => {
    const dialect = opendatasoftDialect(DEFAULT_API_KEY)
    expect(await dialect.auth.headers(new AbortController().signal)).toEqual({
      authorization: `apikey ${DEFAULT_API_KEY}`,
    })
    expect(dialect.auth.secrets()).toEqual([DEFAULT_API_KEY])
    expect(dialect.traceIdHeader).toBeUndefined()
    expect(dialect.mayRepeat).toBeUndefined()
  })

  it('reads DRF error bodies: message, field messages flattened and bounded, trace id', () => {
    const read = opendatasoftDialect('k').readErrorBody!
    expect(
      read({
        error_code: 'validation_error',
        message: 'Invalid input',
        detail: { email: ['This field is required'], username: ['Too long.', 'Bad.'] },
      }),
    ).toEqual({
      title: 'Invalid input',
      detail: 'email: This field is required; username: Too long. Bad.',
      traceId: undefined,
    })
    expect(read({ error_code: 'internal_error', message: 'A server error occurred.', trace_id: 't-1' })).toEqual({
      title: 'A server error occurred.',
      detail: undefined,
      traceId: 't-1',
    })
    expect(read({ error_code: 'not_found', detail: 'No such group.' })).toEqual({
      title: 'not_found',
      detail: 'No such group.',
      traceId: undefined,
    })
    expect(read({ detail: [{}, { explore_limits: { api_calls: ['Invalid unit.'] } }] }).detail).toBe(
      '[1].explore_limits.api_calls: Invalid unit.',
    )
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, ['bad']]))
    expect(read({ detail: many }).detail).toBe('f0: bad; f1: bad; f2: bad; f3: bad; f4: bad')
    expect(read('not an object')).toEqual({})
  })
})
