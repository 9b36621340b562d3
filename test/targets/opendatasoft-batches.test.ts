import { describe, expect, it } from 'vitest'
import type { Change } from '../../src/core/model/change.js'
import { ApiError, UnexpectedAnswerError } from '../../src/shell/http/api-error.js'
import type { AssignedReferences } from '../../src/shell/targets/target.js'
import { DEFAULT_API_KEY } from '../emulators/opendatasoft/server.js'
import { opendatasoftSessions, PROVISION, requestLines } from './opendatasoft-setup.js'

const setUp = opendatasoftSessions()
const API = '/api/automation/v1.0'
const NONE: AssignedReferences = { refOf: () => undefined }
const newUser = (id: string, email: string, fields: { firstname?: string; permissions?: string[] } = {}): Change => ({
  action: 'create',
  kind: 'user',
  id,
  after: { email, userGroups: [], permissions: [], ...fields },
})
const addMember = (id: string, group: string): Change => ({ action: 'add-member', kind: 'user', id, group })

describe('creating users', () => {
  it('invites in one request, without groups; the username the server derives is the reference', async () => {
    const { emulator, target } = await setUp()
    const changes = [
      newUser('louise', 'Louise.Data@example.com', { firstname: 'Louise', permissions: ['edit_page'] }),
      newUser('sam', 'sam@example.com'),
    ]
    expect(changes.map((change) => target.batchKeyOf(change, NONE))).toEqual(['invite', 'invite'])
    expect(await target.applyBatch(changes, NONE)).toEqual([
      { outcome: 'applied', ref: 'louise.data', key: 'louise.data' },
      { outcome: 'applied', ref: 'sam', key: 'sam' },
    ])
    expect(requestLines(emulator)).toEqual([`POST ${API}/users/invite/`])
    expect(emulator.requestLog[0]!.requestBody).toEqual([
      { email: 'Louise.Data@example.com', first_name: 'Louise', permissions: ['edit_page'] },
      { email: 'sam@example.com', permissions: [] },
    ])
    expect(emulator.state.users.get('louise.data')).toMatchObject({
      email: 'Louise.Data@example.com',
      first_name: 'Louise',
      permissions: ['edit_page'],
      account_type: 'global',
    })
    expect(emulator.state.groupsOf('louise.data')).toEqual([])
  })

  it('a failed item of the batch fails its own change only, with the server detail', async () => {
    const { emulator, target } = await setUp()
    const results = await target.applyBatch(
      [newUser('new.one', 'new.one@example.com'), newUser('jane', 'JANE.SMITH@example.com')],
      NONE,
    )
    expect(results[0]).toEqual({ outcome: 'applied', ref: 'new.one', key: 'new.one' })
    const failed = results[1] as ApiError
    expect(failed).toBeInstanceOf(ApiError)
    expect(failed).toMatchObject({
      status: 200,
      attempts: 1,
      title: 'Invalid input',
      detail: 'email: A user with this e-mail address is already a member of this domain.',
    })
    expect(failed.message).toBe(
      `POST ${API}/users/invite/ → item 1 refused (Invalid input): email: A user with this e-mail address is already a member of this domain.`,
    )
    expect([...emulator.state.users.keys()]).toContain('new.one')
  })

  it('a lone creation goes through applyChange as a batch of one, and its failure is thrown', async () => {
    const { target } = await setUp()
    expect(await target.applyChange(newUser('x', 'x.y@example.com'), NONE)).toEqual({
      outcome: 'applied',
      ref: 'x.y',
      key: 'x.y',
    })
    await expect(target.applyChange(newUser('x2', 'x.y@example.com'), NONE)).rejects.toThrow(
      /item 0 refused \(Invalid input\): email: /,
    )
  })

  it('provisions through the identity provider, keeping the declared usernames', async () => {
    const { emulator, target } = await setUp({}, { settings: PROVISION })
    const changes = [
      newUser('ann.sso', 'ann@corp.example', { firstname: 'Ann' }),
      newUser('bob.sso', 'bob@corp.example'),
    ]
    expect(target.batchKeyOf(changes[0]!, NONE)).toBe('provision')
    expect(await target.applyBatch(changes, NONE)).toEqual([
      { outcome: 'applied', ref: 'ann.sso', key: 'ann.sso' },
      { outcome: 'applied', ref: 'bob.sso', key: 'bob.sso' },
    ])
    expect(requestLines(emulator)).toEqual([`POST ${API}/users/provision/`])
    expect(emulator.requestLog[0]!.requestBody).toEqual([
      {
        username: 'ann.sso',
        email: 'ann@corp.example',
        first_name: 'Ann',
        permissions: [],
        identity_provider: { uid: 'corporate-saml' },
      },
      { username: 'bob.sso', email: 'bob@corp.example', permissions: [], identity_provider: { uid: 'corporate-saml' } },
    ])
    expect(emulator.state.users.get('ann.sso')).toMatchObject({
      account_type: 'local',
      identity_providers: ['corporate-saml'],
    })
  })

  it('provisions item by item when the server takes one object only (wire facts §C O1)', async () => {
    const { emulator, target } = await setUp({ provisionBody: 'object' }, { settings: PROVISION })
    const results = await target.applyBatch(
      [newUser('ann.sso', 'ann@corp.example'), newUser('jane.sso', 'jane.smith@example.com')],
      NONE,
    )
    expect(results[0]).toEqual({ outcome: 'applied', ref: 'ann.sso', key: 'ann.sso' })
    expect((results[1] as ApiError).message).toMatch(
      /^POST \/api\/automation\/v1\.0\/users\/provision\/ → item 0 refused \(Invalid input\): email: A user with this e-mail/,
    )
    expect(emulator.requestLog.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      `POST ${API}/users/provision/ 400`,
      `POST ${API}/users/provision/ 200`,
      `POST ${API}/users/provision/ 200`,
    ])
    expect(emulator.requestLog.slice(1).map((entry) => Array.isArray(entry.requestBody))).toEqual([false, false])
  })
})

describe('batches that fail', () => {
  it('a member batch with an unknown user fails that item only; a batch to a missing group fails as a whole', async () => {
    const { emulator, target } = await setUp()
    const results = await target.applyBatch([addMember('nobody', 'analysts'), addMember('admin', 'analysts')], NONE)
    expect((results[0] as ApiError).detail).toBe('username: Object with username=nobody does not exist.')
    expect(results[1]).toEqual({ outcome: 'applied' })
    expect(emulator.state.groups.get('analysts')!.members).toContain('admin')
    const whole = await target.applyBatch([addMember('admin', 'gone')], NONE).catch((caught: unknown) => caught)
    expect(whole).toMatchObject({ status: 404, title: 'Not found.', path: `${API}/groups/gone/users/batch/` })
  })

  it('an answer that leaves items out is an error for each item left out', async () => {
    // The hostile answer is the emulator's answer to no body (a 400 envelope) sent as a 200: no item is in it.
    const { target } = await setUp({
      hostile: ({ path }) =>
        path.endsWith('/users/batch/') ? { kind: 'set-field', path: 'extra', value: 1 } : undefined,
    })
    const results = await target.applyBatch([addMember('admin', 'analysts'), addMember('sso-bot', 'analysts')], NONE)
    expect(results.map((result) => result instanceof UnexpectedAnswerError && result.problem)).toEqual([
      '"0" is missing: the answer says nothing of item 0',
      '"1" is missing: the answer says nothing of item 1',
    ])
    // Nothing says whether they went through: no status, so the journal says they may have been applied.
    expect(results.map((result) => (result as ApiError).status)).toEqual([undefined, undefined])
  })

  it('a failed item that echoes the key is printed without it', async () => {
    const echo = {
      status_code: 'error',
      error: {
        error_code: 'x',
        message: `key ${DEFAULT_API_KEY} refused`,
        detail: { username: [`not ${DEFAULT_API_KEY}`] },
      },
    }
    const { target } = await setUp({
      hostile: ({ path }) =>
        path.endsWith('/users/batch/') ? { kind: 'set-field', path: '0', value: echo } : undefined,
    })
    const [result] = await target.applyBatch([addMember('admin', 'analysts')], NONE)
    expect((result as ApiError).message).toBe(
      `POST ${API}/groups/analysts/users/batch/ → item 0 refused (key *** refused): username: not ***`,
    )
  })

  it('an invite is never sent again after a 5xx, where a GET is', async () => {
    let failFirstGet = true
    const { emulator, target, retries } = await setUp({
      injectFault: ({ method }) =>
        method === 'POST' ? '500' : method === 'GET' && failFirstGet ? ((failFirstGet = false), '503') : undefined,
    })
    const state = await target.readState()
    expect(state.users).toHaveLength(7)
    expect(retries).toHaveLength(1)
    const error = await target.applyChange(newUser('new', 'new@example.com'), NONE).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ status: 500, attempts: 1, title: 'A server error occurred.' })
    expect((error as ApiError).traceId).toMatch(/^[0-9a-f-]{36}$/)
    expect(emulator.requestLog.filter((entry) => entry.method === 'POST')).toHaveLength(1)
  })
})
