import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_DOMAIN } from './demo-domain.js'
import { DomainState } from './domain-state.js'
import { startOpendatasoftEmulator, type RunningOpendatasoftEmulator } from './server.js'
import { apiClient, type BatchDoc, type ErrorDoc, type GroupDoc, type UserDoc } from './test-client.js'

let emulator: RunningOpendatasoftEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

async function demo() {
  emulator = await startOpendatasoftEmulator({ seed: DEMO_DOMAIN })
  return apiClient(emulator)
}

describe('group uids', () => {
  it('are derived from the title, de-duplicated with _2, _3, and a uid in the body is ignored', async () => {
    const call = await demo()
    const uids: string[] = []
    for (const title of [
      'Content Designers',
      'Content designers',
      'content-designers',
      'Sales (EMEA)',
      'Équipe données',
      '???',
    ]) {
      const answer = await call<GroupDoc>('POST', '/groups/', { title, uid: 'chosen_by_client' })
      expect(answer.status).toBe(201)
      uids.push(answer.body.uid)
    }
    expect(uids).toEqual([
      'content_designers',
      'content_designers_2',
      'content_designers_3',
      'sales_emea',
      'equipe_donnees',
      'group',
    ])
    expect((await call('POST', '/groups/', { title: 'Analysts' })).body).toMatchObject({
      uid: 'analysts_2',
      created_by: { username: 'admin' },
    })
  })

  it('stay when the title changes; PUT replaces what is sent and keeps what is omitted', async () => {
    const call = await demo()
    const put = await call<GroupDoc>('PUT', '/groups/analysts/', {
      title: 'Business analysts',
      permissions: ['edit_page'],
    })
    expect(put.body).toMatchObject({
      uid: 'analysts',
      title: 'Business analysts',
      permissions: ['edit_page'],
      user_count: 4,
    })
    expect(put.body.description).toBe('Browse every dataset, restricted ones included.')
    expect(put.body.updated_at > put.body.created_at).toBe(true)
    const missing = await call<ErrorDoc>('PUT', '/groups/analysts/', { permissions: [] })
    expect(missing).toMatchObject({
      status: 400,
      body: { error_code: 'validation_error', detail: { title: ['This field is required'] } },
    })
  })
})

describe('users', () => {
  it('PUT replaces permissions and memberships sent, keeps names omitted, and refuses unknown permissions', async () => {
    const call = await demo()
    const body = { email: 'john.doe@example.com', permissions: ['edit_reuse'], groups: [{ uid: 'data_engineers' }] }
    const put = await call<UserDoc>('PUT', '/users/john.doe/', body)
    expect(put.body).toMatchObject({
      first_name: 'John',
      email: 'john.doe@example.com',
      permissions: ['edit_reuse'],
      groups: [{ uid: 'data_engineers' }],
    })
    const refused = await call<ErrorDoc>('PUT', '/users/john.doe/', { ...body, permissions: ['edit_reuse', 'root'] })
    expect(refused.body).toEqual({
      error_code: 'validation_error',
      message: 'Invalid input',
      detail: { permissions: ['"root" is not a valid choice.'] },
    })
    expect((await call('PUT', '/users/john.doe/', { ...body, username: 'johnny' })).status).toBe(400)
    expect((await call('PUT', '/users/john.doe/', { ...body, email: 'jane.smith@example.com' })).status).toBe(400)
    expect((await call('PUT', '/users/john.doe/', { ...body, groups: [{ uid: 'nope' }] })).status).toBe(400)
  })

  it('expand=groups answers whole groups', async () => {
    const call = await demo()
    const user = await call<UserDoc>('GET', '/users/maria.garcia/?expand=groups')
    expect(user.body.groups).toMatchObject([
      { uid: 'analysts', title: 'Analysts' },
      { uid: 'data_engineers', user_count: 1 },
    ])
  })

  it('the last edit_domain holder cannot be deleted, whether the permission is direct or through a group', async () => {
    emulator = await startOpendatasoftEmulator({ seed: DEMO_DOMAIN, extraApiKeys: { 'jane-key': 'jane.smith' } })
    const call = apiClient(emulator)
    const refused = await call<ErrorDoc>('DELETE', '/users/admin/')
    expect(refused).toMatchObject({ status: 400, body: { error_code: 'bad_request' } })
    expect((await call('POST', '/groups/domain_administrators/users/', { username: 'jane.smith' })).status).toBe(201)
    expect((await call('DELETE', '/users/admin/')).status).toBe(204)
    // The default key was admin's; jane.smith holds edit_domain only through the group, and is now the last holder.
    expect((await call('GET', '/users/')).status).toBe(401)
    const jane = { authorization: 'apikey jane-key' }
    expect((await call<ErrorDoc>('DELETE', '/users/jane.smith/', undefined, jane)).body).toMatchObject({
      error_code: 'bad_request',
    })
    expect(emulator.state.groups.get('domain_administrators')!.members).toEqual(['jane.smith'])
    expect(
      (
        await call(
          'PUT',
          '/users/maria.garcia/',
          { email: 'maria.garcia@example.com', permissions: ['edit_domain'] },
          jane,
        )
      ).status,
    ).toBe(200)
    expect((await call('DELETE', '/users/jane.smith/', undefined, jane)).status).toBe(204)
  })

  it('deleting removes the user from the domain and its groups; unknown users are 404', async () => {
    const call = await demo()
    expect((await call('DELETE', '/users/old.contractor/')).status).toBe(204)
    expect((await call('GET', '/users/old.contractor/')).status).toBe(404)
    expect((await call<GroupDoc>('GET', '/groups/legacy_team/')).body.user_count).toBe(0)
    expect((await call('DELETE', '/users/old.contractor/')).status).toBe(404)
  })
})

describe('invite and provision', () => {
  it('invite answers 200 index-keyed; usernames come from the e-mail, unique; a member e-mail or no e-mail fails its item', async () => {
    const call = await demo()
    const invited = await call<BatchDoc>('POST', '/users/invite/', [
      { email: 'Louise.Data@example.com', permissions: ['edit_page'], groups: [{ uid: 'analysts' }] },
      { email: 'louise.data@other.example', username: 'ignored' },
      { email: 'JANE.SMITH@example.com' },
      { first_name: 'No e-mail' },
      { email: 'x@example.com', groups: [{ uid: 'nope' }] },
    ])
    expect(invited.status).toBe(200)
    expect(invited.body['0']).toMatchObject({
      status_code: 'success',
      data: { username: 'louise.data', groups: [{ uid: 'analysts' }] },
    })
    expect(invited.body['1']).toMatchObject({
      status_code: 'success',
      data: { username: 'louise.data_2', account_type: 'global' },
    })
    const alreadyMember = { email: [expect.stringContaining('already a member')] }
    expect(invited.body['2']).toMatchObject({
      status_code: 'error',
      error: { error_code: 'validation_error', detail: alreadyMember },
    })
    expect(invited.body['3']).toMatchObject({
      status_code: 'error',
      error: { detail: { email: ['This field is required'] } },
    })
    expect(invited.body['4']).toMatchObject({
      status_code: 'error',
      error: { detail: { groups: ['Object with uid=nope does not exist.'] } },
    })
    expect((await call<ErrorDoc>('POST', '/users/invite/', { email: 'single@example.com' })).status).toBe(400)
  })

  it('provision takes an array or a single object, keeps a free username, and needs identity_provider.uid', async () => {
    const call = await demo()
    const single = await call<BatchDoc>('POST', '/users/provision/', {
      email: 'sam@example.com',
      identity_provider: { uid: 'corporate-saml' },
    })
    const sam = { username: 'sam', account_type: 'local', identity_providers: [{ uid: 'corporate-saml' }] }
    expect(single.body).toMatchObject({ '0': { status_code: 'success', data: sam } })
    const batch = await call<BatchDoc>('POST', '/users/provision/', [
      {
        username: 'kim.lee',
        email: 'kim@example.com',
        identity_provider: { uid: 'corporate-saml' },
        identity_provider_attributes: { dept: 'x' },
      },
      { username: 'john.doe', email: 'new.john@example.com', identity_provider: { uid: 'corporate-saml' } },
      { email: 'no.provider@example.com' },
    ])
    expect(batch.body['0']).toMatchObject({ status_code: 'success', data: { username: 'kim.lee' } })
    expect(batch.body['1']).toMatchObject({
      status_code: 'error',
      error: { detail: { username: ['A user with that username already exists.'] } },
    })
    expect(batch.body['2']).toMatchObject({
      status_code: 'error',
      error: { detail: { identity_provider: ['This field is required'] } },
    })
  })
})

describe('group members', () => {
  it('add answers 201 with the user; unknown users are 400, unknown groups and non-members 404', async () => {
    const call = await demo()
    const added = await call<UserDoc>('POST', '/groups/legacy_team/users/', { username: 'john.doe' })
    expect(added).toMatchObject({
      status: 201,
      body: { username: 'john.doe', groups: [{ uid: 'analysts' }, { uid: 'legacy_team' }] },
    })
    expect((await call('POST', '/groups/legacy_team/users/', { username: 'nobody' })).body).toMatchObject({
      error_code: 'validation_error',
    })
    expect((await call('POST', '/groups/nope/users/', { username: 'john.doe' })).status).toBe(404)
    expect((await call('DELETE', '/groups/legacy_team/users/jane.smith/')).status).toBe(404)
    expect((await call('DELETE', '/groups/legacy_team/users/john.doe/')).status).toBe(204)
  })

  it('batch answers each item, failures included', async () => {
    const call = await demo()
    const batch = await call<BatchDoc>('POST', '/groups/legacy_team/users/batch/', [
      { username: 'jane.smith' },
      { username: 'ghost' },
      {},
    ])
    expect(batch.status).toBe(200)
    expect(Object.values(batch.body).map((entry) => entry.status_code)).toEqual(['success', 'error', 'error'])
    expect(emulator!.state.groups.get('legacy_team')!.members).toEqual(['old.contractor', 'jane.smith'])
  })

  it('deleting a group takes it from its members', async () => {
    const call = await demo()
    expect((await call('DELETE', '/groups/analysts/')).status).toBe(204)
    expect((await call<UserDoc>('GET', '/users/john.doe/')).body.groups).toEqual([])
    expect((await call('DELETE', '/groups/analysts/')).status).toBe(404)
  })
})

describe('seeds', () => {
  it('the default domain is the API key’s administrator and a staff account', () => {
    const state = new DomainState()
    expect(state.sortedUsers().map((user) => [user.username, user.is_ods, user.permissions])).toEqual([
      ['admin', false, ['edit_domain']],
      ['ods.support', true, []],
    ])
  })

  it('refuses a seed whose key user or group members are not users', () => {
    expect(() => new DomainState({ apiKeyUser: 'nobody', users: [] })).toThrow(/"nobody"/)
    const users = [{ username: 'a', email: 'a@example.com' }]
    expect(() => new DomainState({ apiKeyUser: 'a', users, groups: [{ title: 'G', members: ['b'] }] })).toThrow(/"b"/)
  })
})
