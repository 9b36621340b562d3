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

const user = (id: string) => ({ id, type: 'user' as const })
const group = (id: string) => ({ id, type: 'userGroup' as const })

describe("GoodData's own client manages workspaces and data sources on the emulator", () => {
  it('creates a hierarchy, lists it with its parents, reads meta, and refuses to delete a parent first', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const { entities } = world.client
    const workspace = (id: string, name: string, parent?: string) => ({
      data: {
        id,
        type: 'workspace' as const,
        attributes: { name },
        ...(parent ? { relationships: { parent: { data: { id: parent, type: 'workspace' as const } } } } : {}),
      },
    })
    expect((await entities.createEntityWorkspaces({ jsonApiWorkspaceInDocument: workspace('hr', 'HR') })).status).toBe(
      201,
    )
    const child = await entities.createEntityWorkspaces({
      jsonApiWorkspaceInDocument: workspace('hr-us', 'HR US', 'hr'),
      include: ['parent'],
    })
    expect(child.data.data.relationships?.parent?.data).toEqual({ id: 'hr', type: 'workspace' })
    const listed = await entities.getAllEntitiesWorkspaces({ include: ['parent'], sort: ['name,desc'] })
    expect(listed.data.data.map(({ id }) => id)).toEqual(['sales-emea', 'sales', 'hr-us', 'hr'])
    expect(listed.data.included?.map(({ id }) => id)).toEqual(['sales', 'hr'])
    const children = await entities.getAllEntitiesWorkspaces({ filter: 'parent.id=in=(hr,sales)' })
    expect(children.data.data.map(({ id }) => id)).toEqual(['hr-us', 'sales-emea'])
    const sales = await entities.getEntityWorkspaces({ id: 'sales', metaInclude: ['hierarchy', 'permissions'] })
    expect(sales.data.data.meta?.hierarchy).toEqual({ childrenCount: 1 })
    expect(sales.data.data.meta?.permissions).toContain('MANAGE')
    const missingParent = entities.createEntityWorkspaces({ jsonApiWorkspaceInDocument: workspace('x', 'X', 'nope') })
    expect(await failureOf(missingParent)).toEqual({
      status: 400,
      detail: 'Related entity "workspace" with id "nope" does not exist.',
    })
    const renamed = await entities.patchEntityWorkspaces({
      id: 'hr-us',
      jsonApiWorkspacePatchDocument: { data: { id: 'hr-us', type: 'workspace', attributes: { description: 'US' } } },
    })
    expect(renamed.data.data.attributes).toEqual({ name: 'HR US', description: 'US' })
    expect(await failureOf(entities.deleteEntityWorkspaces({ id: 'hr' }))).toEqual({
      status: 409,
      detail: 'Workspace "hr" has child workspaces (hr-us); delete them first.',
    })
    await entities.deleteEntityWorkspaces({ id: 'hr-us' })
    expect((await entities.deleteEntityWorkspaces({ id: 'hr' })).status).toBe(204)
    expect((await failureOf(entities.getEntityWorkspaces({ id: 'hr' }))).status).toBe(404)
  })

  it('creates, lists and deletes data sources, and never answers a secret', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const { entities, declarativeLayout } = world.client
    const attributes = { name: 'Lake', type: 'SNOWFLAKE' as const, schema: 'PUBLIC', password: 'hunter2' }
    const created = await entities.createEntityDataSources({
      jsonApiDataSourceInDocument: { data: { id: 'lake', type: 'dataSource', attributes } },
    })
    expect(created.data.data.attributes).toEqual({ name: 'Lake', type: 'SNOWFLAKE', schema: 'PUBLIC' })
    const listed = await entities.getAllEntitiesDataSources({ metaInclude: ['permissions'] })
    expect(listed.data.data.map(({ id, meta }) => [id, meta?.permissions])).toEqual([
      ['lake', ['MANAGE', 'USE']],
      ['warehouse', ['MANAGE', 'USE']],
    ])
    const snowflake = await entities.getAllEntitiesDataSources({ filter: 'type==SNOWFLAKE' })
    expect(snowflake.data.data.map(({ id }) => id)).toEqual(['lake'])
    const layout = await declarativeLayout.getDataSourcesLayout()
    expect(layout.data.dataSources.map(({ id }) => id)).toEqual(['lake', 'warehouse'])
    expect(JSON.stringify(world.emulator.requestLog.map((entry) => entry.responseBody))).not.toContain('hunter2')
    const incomplete = entities.createEntityDataSources({
      jsonApiDataSourceInDocument: { data: { id: 'x', type: 'dataSource', attributes: { name: 'X' } as never } },
    })
    expect(await failureOf(incomplete)).toEqual({ status: 400, detail: 'Missing required attributes: schema, type.' })
    expect((await entities.deleteEntityDataSources({ id: 'lake' })).status).toBe(204)
  })
})

describe("GoodData's own client reads and sets workspace and data source permissions on the emulator", () => {
  it('reads the layouts of every workspace and data source with their grants', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const { declarativeLayout } = world.client
    const { data } = await declarativeLayout.getWorkspacesLayout({ exclude: ['ACTIVITY_INFO'] })
    expect(data.workspaceDataFilters).toEqual([])
    expect(data.workspaces.map(({ id, name, parent }) => ({ id, name, parent }))).toEqual([
      { id: 'sales', name: 'Sales', parent: undefined },
      { id: 'sales-emea', name: 'Sales EMEA', parent: { id: 'sales', type: 'workspace' } },
    ])
    expect(data.workspaces[0]!.hierarchyPermissions).toEqual([
      { assignee: group('data-engineers'), name: 'MANAGE' },
      { assignee: group('everyone'), name: 'VIEW' },
    ])
    const warehouse = (await declarativeLayout.getDataSourcesLayout()).data.dataSources[0]!
    expect(warehouse.permissions).toEqual([
      { assignee: group('analysts'), name: 'USE' },
      { assignee: group('data-engineers'), name: 'MANAGE' },
    ])
  })

  it('sets a workspace and a data source permission layout whole', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const { declarativeLayout } = world.client
    const declarativeWorkspacePermissions = {
      permissions: [{ assignee: user('john.doe'), name: 'VIEW' as const }],
      hierarchyPermissions: [{ assignee: group('analysts'), name: 'EXPORT' as const }],
    }
    await declarativeLayout.setWorkspacePermissions({ workspaceId: 'sales-emea', declarativeWorkspacePermissions })
    const read = await declarativeLayout.getWorkspacePermissions({ workspaceId: 'sales-emea' })
    expect(read.data).toEqual(declarativeWorkspacePermissions)
    const declarativeDataSourcePermissions = { permissions: [{ assignee: user('sso-bot'), name: 'USE' as const }] }
    await declarativeLayout.setDataSourcePermissions({ dataSourceId: 'warehouse', declarativeDataSourcePermissions })
    expect((await declarativeLayout.getDataSourcePermissions({ dataSourceId: 'warehouse' })).data).toEqual(
      declarativeDataSourcePermissions,
    )
    const unknownAssignee = declarativeLayout.setDataSourcePermissions({
      dataSourceId: 'warehouse',
      declarativeDataSourcePermissions: { permissions: [{ assignee: user('nobody'), name: 'USE' }] },
    })
    expect(await failureOf(unknownAssignee)).toEqual({
      status: 400,
      detail: 'Assignee "user" with id "nobody" does not exist.',
    })
    expect((await failureOf(declarativeLayout.getWorkspacePermissions({ workspaceId: 'nope' }))).status).toBe(404)
  })

  it('manages one workspace and one data source for the listed assignees only', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const { actions, declarativeLayout } = world.client
    await actions.manageWorkspacePermissions({
      workspaceId: 'sales',
      workspacePermissionAssignment: [
        { assigneeIdentifier: user('john.doe'), permissions: ['ANALYZE'], hierarchyPermissions: ['VIEW'] },
        { assigneeIdentifier: group('analysts'), permissions: [] },
      ],
    })
    const sales = (await declarativeLayout.getWorkspacePermissions({ workspaceId: 'sales' })).data
    expect(sales.permissions).toEqual([
      { assignee: user('jane.smith'), name: 'MANAGE' },
      { assignee: user('john.doe'), name: 'ANALYZE' },
    ])
    expect(sales.hierarchyPermissions).toContainEqual({ assignee: user('john.doe'), name: 'VIEW' })
    await actions.manageDataSourcePermissions({
      dataSourceId: 'warehouse',
      dataSourcePermissionAssignment: [{ assigneeIdentifier: group('analysts'), permissions: ['MANAGE', 'USE'] }],
    })
    const warehouse = (await declarativeLayout.getDataSourcePermissions({ dataSourceId: 'warehouse' })).data
    expect(warehouse.permissions?.filter(({ assignee }) => assignee.id === 'analysts')).toHaveLength(2)
    const unknown = actions.manageWorkspacePermissions({ workspaceId: 'nope', workspacePermissionAssignment: [] })
    expect((await failureOf(unknown)).status).toBe(404)
  })

  it('takes a deleted user’s and group’s grants away with them', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const { entities, declarativeLayout } = world.client
    await entities.deleteEntityUsers({ id: 'jane.smith' })
    await entities.deleteEntityUserGroups({ id: 'analysts' })
    const sales = (await declarativeLayout.getWorkspacePermissions({ workspaceId: 'sales' })).data
    expect(sales.permissions).toEqual([])
    const warehouse = (await declarativeLayout.getDataSourcePermissions({ dataSourceId: 'warehouse' })).data
    expect(warehouse.permissions).toEqual([{ assignee: group('data-engineers'), name: 'MANAGE' }])
  })
})
