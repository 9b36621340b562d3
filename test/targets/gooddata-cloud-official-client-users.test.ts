import { ValidateRelationsHeader } from '@gooddata/api-client-tiger'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_ORGANIZATION } from '../emulators/gooddata-cloud/demo-organization.js'
import {
  descriptionProblems,
  failureOf,
  startWithOfficialClient,
  type OfficialClientWorld,
} from './gooddata-cloud-official-client-setup.js'

let world: OfficialClientWorld
afterEach(async () => {
  expect(descriptionProblems(world.emulator)).toEqual([])
  await world.emulator.close()
})

const ids = (list: { data: { id: string }[] }) => list.data.map((resource) => resource.id)

describe("GoodData's own client lists users and groups on the emulator", () => {
  it('pages with page and size, and counts with metaInclude=page', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const { entities } = world.client
    const pages = []
    for (let page = 0; page < 4; page++) {
      const { data } = await entities.getAllEntitiesUsers({ page, size: 3, metaInclude: ['page'] })
      expect(data.meta?.page).toEqual({ size: 3, totalElements: 8, totalPages: 3, number: page })
      pages.push(ids(data))
    }
    expect(pages.map((page) => page.length)).toEqual([3, 3, 2, 0])
    expect(pages.flat()).toEqual([...world.emulator.state.users.keys()].sort())
  })

  it('filters with RSQL: ==, !=, =in=, ; and , on the id, the attributes and related ids', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const list = async (filter: string) => ids((await world.client.entities.getAllEntitiesUsers({ filter })).data)
    expect(await list('id==john.doe')).toEqual(['john.doe'])
    expect(await list("lastname=='Smith'")).toEqual(['jane.smith'])
    expect(await list('id=in=(admin,sso-bot,nobody)')).toEqual(['admin', 'sso-bot'])
    expect(await list('email==jane.smith@example.com,firstname==Maria')).toEqual(['jane.smith', 'maria.garcia'])
    expect(await list('userGroups.id==analysts;id!=temp.intern')).toEqual(['jane.smith', 'maria.garcia'])
    expect(await list('(id==admin,id==sso-bot);userGroups.id==adminGroup')).toEqual(['admin'])
    expect(await list('email=like=*@example.com and firstname=containsic=MAR')).toEqual(['maria.garcia'])
    const groups = await world.client.entities.getAllEntitiesUserGroups({ filter: 'name=containsic=team' })
    expect(ids(groups.data)).toEqual(['legacy-team'])
  })

  it('answers 400 naming what it cannot filter by, rather than ignoring the filter', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const list = (filter: string) => failureOf(world.client.entities.getAllEntitiesUsers({ filter }))
    expect(await list('nickname==ann')).toEqual({
      status: 400,
      detail: expect.stringMatching(/^Unknown property "nickname" in parameter "filter"; known: id, /),
    })
    expect((await list('id=gt=a')).detail).toMatch(/Operator "=gt=" .* not supported by the emulator/)
    expect((await list('id==a*')).detail).toBe('Wildcards are not supported with "=="; use =like= for "a*".')
    expect((await list('id==')).detail).toBe(
      'Invalid RSQL in parameter "filter" at character 5: expected an argument, found the end.',
    )
  })

  it('sorts by one or more properties with ,asc and ,desc', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const list = async (sort: string[], filter?: string) =>
      ids((await world.client.entities.getAllEntitiesUsers({ sort, ...(filter ? { filter } : {}) })).data)
    expect(await list(['id,desc'])).toEqual([...world.emulator.state.users.keys()].sort().reverse())
    // Unset values come last ascending and first descending (PostgreSQL's order); ties go to the next property.
    expect(await list(['firstname', 'id,desc'], 'userGroups.id=in=(everyone,analysts),id=in=(admin,sso-bot)')).toEqual([
      'jane.smith',
      'john.doe',
      'maria.garcia',
      'old.contractor',
      'temp.intern',
      'sso-bot',
      'admin',
    ])
    const groups = await world.client.entities.getAllEntitiesUserGroups({ sort: ['name,desc'] })
    expect(ids(groups.data)).toEqual(['adminGroup', 'analysts', 'legacy-team', 'everyone', 'data-engineers'])
    const refused = await failureOf(world.client.entities.getAllEntitiesUsers({ sort: ['nickname,asc'] }))
    expect(refused).toEqual({ status: 400, detail: expect.stringMatching(/^Unknown property "nickname" in/) })
  })

  it('includes group relationships with include=userGroups and include=ALL, and refuses to combine them', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const { entities } = world.client
    for (const include of [['userGroups'], ['ALL']] as const) {
      const { data } = await entities.getAllEntitiesUsers({ filter: 'id==jane.smith', include: [...include] })
      expect(data.data[0]!.relationships?.userGroups?.data).toEqual([
        { id: 'analysts', type: 'userGroup' },
        { id: 'data-engineers', type: 'userGroup' },
      ])
      expect(data.included?.map((group) => group.id)).toEqual(['analysts', 'data-engineers'])
    }
    const plain = await entities.getAllEntitiesUsers({ filter: 'id==jane.smith' })
    expect(plain.data.data[0]!.relationships).toBeUndefined()
    // "Individual include types (collection, relationship or ALL) cannot be combined together."
    const combined = await failureOf(entities.getAllEntitiesUsers({ include: ['userGroups', 'ALL'] }))
    expect(combined.status).toBe(400)
    expect(combined.detail).toMatch(/"ALL" cannot be combined with other values of parameter "include"/)
    const group = await entities.getEntityUserGroups({ id: 'analysts', include: ['ALL'] })
    expect(group.data.data.relationships?.parents?.data).toEqual([{ id: 'everyone', type: 'userGroup' }])
  })
})

describe("GoodData's own client writes users and groups on the emulator", () => {
  it('creates, replaces, patches and deletes a user, and answers 404 and 409 as problems', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const { entities } = world.client
    const attributes = { firstname: 'Ann', lastname: 'Lee', email: 'ann@example.com', authenticationId: 'oidc|ann' }
    const document = { data: { id: 'ann', type: 'user' as const, attributes } }
    const created = await entities.createEntityUsers({ jsonApiUserInDocument: document })
    expect(created.status).toBe(201)
    expect(created.data.data).toEqual({ id: 'ann', type: 'user', attributes })
    expect(await failureOf(entities.createEntityUsers({ jsonApiUserInDocument: document }))).toEqual({
      status: 409,
      detail: 'Entity "ann" of type "users" already exists.',
    })
    const relationships = { userGroups: { data: [{ id: 'analysts', type: 'userGroup' as const }] } }
    const replaced = await entities.updateEntityUsers({
      id: 'ann',
      jsonApiUserInDocument: { data: { ...document.data, attributes: { email: 'ann@new.example' }, relationships } },
      include: ['userGroups'],
    })
    expect(replaced.data.data.attributes).toEqual({ email: 'ann@new.example' })
    expect(replaced.data.data.relationships?.userGroups?.data).toEqual([{ id: 'analysts', type: 'userGroup' }])
    const patched = await entities.patchEntityUsers({
      id: 'ann',
      jsonApiUserPatchDocument: { data: { id: 'ann', type: 'user', attributes: { firstname: 'Ann' } } },
    })
    expect(patched.data.data.attributes).toEqual({ email: 'ann@new.example', firstname: 'Ann' })
    expect(world.emulator.state.users.get('ann')?.userGroups).toEqual(['analysts'])
    expect((await entities.deleteEntityUsers({ id: 'ann' })).status).toBe(204)
    expect(await failureOf(entities.getEntityUsers({ id: 'ann' }))).toEqual({
      status: 404,
      detail: 'The requested endpoint does not exist or you do not have permission to access it.',
    })
  })

  it('accepts every attribute the description allows, and leaves out ones it does not name', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const attributes = { systemAccount: true, firstname: 'Robot', nickname: 'R2' }
    const created = await world.client.entities.createEntityUsers({
      jsonApiUserInDocument: { data: { id: 'robot', type: 'user', attributes } },
    })
    expect(created.data.data.attributes).toEqual({ systemAccount: true, firstname: 'Robot' })
    const refused = await failureOf(
      world.client.entities.createEntityUsers({
        jsonApiUserInDocument: { data: { id: 'robot2', type: 'user', attributes: { systemAccount: 'yes' } as object } },
      }),
    )
    expect(refused).toEqual({ status: 400, detail: '"systemAccount" must be a boolean.' })
  })

  it('checks that related groups exist only when asked with X-GDC-VALIDATE-RELATIONS', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const { entities } = world.client
    const document = (id: string) => ({
      data: {
        id,
        type: 'user' as const,
        relationships: { userGroups: { data: [{ id: 'ghosts', type: 'userGroup' as const }] } },
      },
    })
    const validated = entities.createEntityUsers(
      { jsonApiUserInDocument: document('ann') },
      { headers: ValidateRelationsHeader },
    )
    expect(await failureOf(validated)).toEqual({
      status: 400,
      detail: 'Related entity "userGroup" with id "ghosts" does not exist.',
    })
    expect(world.emulator.state.users.has('ann')).toBe(false)
    const unvalidated = await entities.createEntityUsers({ jsonApiUserInDocument: document('ann') })
    expect(unvalidated.status).toBe(201)
    expect(world.emulator.state.users.get('ann')?.userGroups).toEqual(['ghosts'])
  })

  it('creates, patches and deletes a group with parents', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const { entities } = world.client
    const parents = { data: [{ id: 'everyone', type: 'userGroup' as const }] }
    await entities.createEntityUserGroups({
      jsonApiUserGroupInDocument: { data: { id: 'finance', type: 'userGroup', attributes: { name: 'Finance' } } },
    })
    const patched = await entities.patchEntityUserGroups({
      id: 'finance',
      jsonApiUserGroupPatchDocument: { data: { id: 'finance', type: 'userGroup', relationships: { parents } } },
      include: ['parents'],
    })
    expect(patched.data.data).toMatchObject({ attributes: { name: 'Finance' }, relationships: { parents } })
    expect((await entities.deleteEntityUserGroups({ id: 'finance' })).status).toBe(204)
    expect((await failureOf(entities.deleteEntityUserGroups({ id: 'finance' }))).status).toBe(404)
  })
})
