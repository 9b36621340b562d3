import { describe, expect, it } from 'vitest'
import type { Change } from '../../src/core/model/change.js'
import type { AssignedReferences } from '../../src/shell/targets/target.js'
import { DEMO_DOMAIN } from '../emulators/opendatasoft/demo-domain.js'
import { opendatasoftSessions, requestLines } from './opendatasoft-setup.js'

const setUp = opendatasoftSessions()
const API = '/api/automation/v1.0'
const NONE: AssignedReferences = { refOf: () => undefined }
const addMember = (id: string, group: string): Change => ({ action: 'add-member', kind: 'user', id, group })

describe('OpendatasoftTarget writes, one kind of change at a time', () => {
  it('creates, replaces and deletes groups: the uid comes from the server, a PUT carries the description read', async () => {
    const { emulator, target } = await setUp()
    const analysts = (await target.readState()).userGroups.find((group) => group.id === 'analysts')!
    const legacy = (await target.readState()).userGroups.find((group) => group.id === 'legacy_team')!
    let since = emulator.requestLog.length
    const created = await target.applyChange({
      action: 'create',
      kind: 'userGroup',
      id: 'designers',
      after: { name: 'Content Designers', parents: [], permissions: ['edit_page'] },
    })
    expect(created).toEqual({ outcome: 'applied', ref: 'content_designers', key: 'content_designers' })
    expect(requestLines(emulator, since)).toEqual([`POST ${API}/groups/`])
    expect(emulator.requestLog.at(-1)?.requestBody).toEqual({ title: 'Content Designers', permissions: ['edit_page'] })

    since = emulator.requestLog.length
    const after = { name: 'Analysts (all)', parents: [], permissions: ['explore_restricted_dataset'] }
    expect(
      await target.applyChange({ action: 'update', kind: 'userGroup', id: 'analysts', before: analysts, after }),
    ).toEqual({ outcome: 'applied' })
    expect(requestLines(emulator, since)).toEqual([`GET ${API}/groups/analysts/`, `PUT ${API}/groups/analysts/`])
    expect(emulator.requestLog.at(-1)?.requestBody).toEqual({
      description: 'Browse every dataset, restricted ones included.',
      title: 'Analysts (all)',
      permissions: ['explore_restricted_dataset'],
    })

    expect(
      await target.applyChange({ action: 'delete', kind: 'userGroup', id: 'legacy_team', before: legacy }),
    ).toEqual({ outcome: 'applied' })
    expect(
      await target.applyChange({ action: 'delete', kind: 'userGroup', id: 'legacy_team', before: legacy }),
    ).toEqual({ outcome: 'already-applied' })
    const groups = emulator.state
      .snapshot()
      .groups.map(({ uid, title, permissions, members }) => ({ uid, title, permissions, members }))
    expect(groups).toEqual([
      {
        uid: 'domain_administrators',
        title: 'Domain administrators',
        permissions: ['edit_domain'],
        members: ['admin'],
      },
      {
        uid: 'data_engineers',
        title: 'Data engineers',
        permissions: ['create_dataset', 'edit_dataset', 'publish_dataset'],
        members: ['maria.garcia'],
      },
      { uid: 'content_designers', title: 'Content Designers', permissions: ['edit_page'], members: [] },
      {
        uid: 'analysts',
        title: 'Analysts (all)',
        permissions: ['explore_restricted_dataset'],
        members: ['john.doe', 'jane.smith', 'maria.garcia', 'old.contractor'],
      },
    ])
  })

  it('replaces a user whole: managed fields as declared, groups and unmanaged fields as just read', async () => {
    const quota = {
      username: 'quota',
      email: 'quota@example.com',
      first_name: 'Q',
      explore_limits: { api_calls: { limit: 100, unit: 'day' } },
    }
    const seed = {
      ...DEMO_DOMAIN,
      users: [...DEMO_DOMAIN.users!, quota],
      groups: [...DEMO_DOMAIN.groups!, { title: 'Quota', members: ['quota'] }],
    }
    const { emulator, target } = await setUp({ seed })
    const before = (await target.readState()).users.find((user) => user.id === 'quota')!
    const since = emulator.requestLog.length
    const after = { email: 'quota@new.example', lastname: 'Uota', userGroups: ['quota'], permissions: ['edit_reuse'] }
    expect(await target.applyChange({ action: 'update', kind: 'user', id: 'quota', before, after })).toEqual({
      outcome: 'applied',
    })
    expect(requestLines(emulator, since)).toEqual([`GET ${API}/users/quota/`, `PUT ${API}/users/quota/`])
    expect(emulator.requestLog.at(-1)?.requestBody).toEqual({
      explore_limits: { api_calls: { limit: 100, unit: 'day' } },
      email: 'quota@new.example',
      first_name: '',
      last_name: 'Uota',
      permissions: ['edit_reuse'],
      groups: [{ uid: 'quota' }],
    })
    const stored = emulator.state.users.get('quota')!
    expect(stored).toMatchObject({
      email: 'quota@new.example',
      first_name: '',
      last_name: 'Uota',
      permissions: ['edit_reuse'],
      explore_limits: { api_calls: { limit: 100, unit: 'day' } },
    })
    expect(emulator.state.groupsOf('quota').map((group) => group.uid)).toEqual(['quota'])
  })

  it('deletes a user, and counts one already gone as done', async () => {
    const { emulator, target } = await setUp()
    const before = (await target.readState()).users.find((user) => user.id === 'old.contractor')!
    expect(await target.applyChange({ action: 'delete', kind: 'user', id: 'old.contractor', before })).toEqual({
      outcome: 'applied',
    })
    expect(await target.applyChange({ action: 'delete', kind: 'user', id: 'old.contractor', before })).toEqual({
      outcome: 'already-applied',
    })
    expect(emulator.state.users.has('old.contractor')).toBe(false)
    expect(requestLines(emulator).slice(-2)).toEqual([
      `DELETE ${API}/users/old.contractor/`,
      `DELETE ${API}/users/old.contractor/`,
    ])
  })

  it('adds members of one group in one batch request, and removes a member (404: already gone)', async () => {
    const { emulator, target } = await setUp()
    const changes = [addMember('jane.smith', 'data_engineers'), addMember('john.doe', 'data_engineers')]
    expect(changes.map((change) => target.batchKeyOf(change, NONE))).toEqual([
      'members:data_engineers',
      'members:data_engineers',
    ])
    expect(await target.applyBatch(changes, NONE)).toEqual([{ outcome: 'applied' }, { outcome: 'applied' }])
    expect(requestLines(emulator)).toEqual([`POST ${API}/groups/data_engineers/users/batch/`])
    expect(emulator.requestLog[0]!.requestBody).toEqual([{ username: 'jane.smith' }, { username: 'john.doe' }])
    expect(emulator.state.groups.get('data_engineers')!.members).toEqual(['maria.garcia', 'jane.smith', 'john.doe'])

    const removal: Change = { action: 'remove-member', kind: 'user', id: 'old.contractor', group: 'legacy_team' }
    expect(target.batchKeyOf(removal, NONE)).toBeUndefined()
    expect(await target.applyChange(removal, NONE)).toEqual({ outcome: 'applied' })
    expect(await target.applyChange(removal, NONE)).toEqual({ outcome: 'already-applied' })
    expect(requestLines(emulator).slice(-1)).toEqual([`DELETE ${API}/groups/legacy_team/users/old.contractor/`])
    expect(emulator.state.groups.get('legacy_team')!.members).toEqual([])
  })

  it('refuses to disable or enable a user: Opendatasoft users leave by deletion', async () => {
    const { emulator, target } = await setUp()
    const before = (await target.readState()).users[1]!
    await expect(target.applyChange({ action: 'disable', kind: 'user', id: before.id, before })).rejects.toThrow(
      `Opendatasoft cannot disable user "${before.id}": users leave a domain by being deleted`,
    )
    expect(emulator.requestLog).toHaveLength(2)
  })
})
