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

describe("GoodData's own client lists users and groups through userManagement on the emulator", () => {
  it('pages users with totalCount and shows each one’s groups and direct permissions', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const { userManagement } = world.client
    const { data } = await userManagement.listUsers({ page: 0, size: 2 })
    expect(data.totalCount).toBe(8)
    expect(data.users).toEqual([
      {
        id: 'admin',
        organizationAdmin: true,
        systemAccount: false,
        userGroups: [{ id: 'adminGroup' }],
        workspaces: [],
        dataSources: [],
      },
      {
        id: 'jane.smith',
        name: 'Jane Smith',
        email: 'jane.smith@example.com',
        organizationAdmin: false,
        systemAccount: false,
        userGroups: [{ id: 'analysts' }, { id: 'data-engineers', name: 'Data engineers' }],
        workspaces: [{ id: 'sales', name: 'Sales', permissions: ['MANAGE'], hierarchyPermissions: [] }],
        dataSources: [],
      },
    ])
    const ids = async (filters: Parameters<typeof userManagement.listUsers>[0]) =>
      (await userManagement.listUsers(filters)).data.users.map(({ id }) => id)
    expect(await ids({ page: 1, size: 2 })).toEqual(['john.doe', 'maria.garcia'])
    expect(await ids({ group: 'analysts' })).toEqual(['jane.smith', 'maria.garcia', 'temp.intern'])
    expect(await ids({ workspace: 'sales-emea' })).toEqual(['maria.garcia'])
    expect(await ids({ name: 'SMITH' })).toEqual(['jane.smith'])
    expect((await userManagement.listUsers({ dataSource: 'warehouse' })).data).toEqual({ totalCount: 0, users: [] })
  })

  it('lists groups with their member counts, filtered by data source', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const { data } = await world.client.userManagement.listUserGroups({ dataSource: 'warehouse' })
    expect(data).toEqual({
      totalCount: 2,
      userGroups: [
        {
          id: 'analysts',
          organizationAdmin: false,
          userCount: 3,
          workspaces: [{ id: 'sales', name: 'Sales', permissions: ['ANALYZE'], hierarchyPermissions: [] }],
          dataSources: [{ id: 'warehouse', name: 'Warehouse', permissions: ['USE'] }],
        },
        {
          id: 'data-engineers',
          name: 'Data engineers',
          organizationAdmin: false,
          userCount: 1,
          workspaces: [{ id: 'sales', name: 'Sales', permissions: [], hierarchyPermissions: ['MANAGE'] }],
          dataSources: [{ id: 'warehouse', name: 'Warehouse', permissions: ['MANAGE'] }],
        },
      ],
    })
  })
})

describe("GoodData's own client reads and sets one user's or group's permissions on the emulator", () => {
  it('reads direct permissions, and with includeInherited tags each by how the user gains access', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const { userManagement } = world.client
    const direct = await userManagement.listPermissionsForUser({ userId: 'maria.garcia' })
    expect(direct.data).toEqual({
      dataSources: [],
      workspaces: [
        { id: 'sales-emea', name: 'Sales EMEA', permissions: ['ANALYZE', 'EXPORT'], hierarchyPermissions: [] },
      ],
    })
    // This client predates includeInherited, so it goes as a plain query parameter.
    const inherited = await userManagement.listPermissionsForUser(
      { userId: 'maria.garcia' },
      { params: { includeInherited: true } },
    )
    expect(inherited.data).toEqual({
      dataSources: [{ accessSource: 'GROUP', id: 'warehouse', name: 'Warehouse', permissions: ['USE'] }],
      workspaces: [
        { accessSource: 'GROUP', id: 'sales', name: 'Sales', permissions: ['ANALYZE'], hierarchyPermissions: ['VIEW'] },
        {
          accessSource: 'DIRECT',
          id: 'sales-emea',
          name: 'Sales EMEA',
          permissions: ['ANALYZE', 'EXPORT'],
          hierarchyPermissions: [],
        },
        {
          accessSource: 'HIERARCHY',
          id: 'sales-emea',
          name: 'Sales EMEA',
          permissions: ['VIEW'],
          hierarchyPermissions: [],
        },
      ],
    })
  })

  it('sets a user’s and a group’s whole assignment: what the body leaves out is taken away', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const { userManagement } = world.client
    const assignments = {
      workspaces: [{ id: 'sales', permissions: ['VIEW' as const], hierarchyPermissions: [] }],
      dataSources: [{ id: 'warehouse', permissions: ['USE' as const] }],
    }
    const set = await userManagement.managePermissionsForUser({
      userId: 'maria.garcia',
      userManagementPermissionAssignments: assignments,
    })
    expect(set.status).toBe(204)
    expect((await userManagement.listPermissionsForUser({ userId: 'maria.garcia' })).data).toEqual({
      workspaces: [{ ...assignments.workspaces[0], name: 'Sales' }],
      dataSources: [{ ...assignments.dataSources[0], name: 'Warehouse' }],
    })
    await userManagement.managePermissionsForUserGroup({
      userGroupId: 'analysts',
      userManagementPermissionAssignments: { workspaces: [], dataSources: [] },
    })
    expect((await userManagement.listPermissionsForUserGroup({ userGroupId: 'analysts' })).data).toEqual({
      workspaces: [],
      dataSources: [],
    })
    const unknownWorkspace = userManagement.managePermissionsForUser({
      userId: 'maria.garcia',
      userManagementPermissionAssignments: {
        workspaces: [{ id: 'nope', permissions: [], hierarchyPermissions: [] }],
        dataSources: [],
      },
    })
    expect(await failureOf(unknownWorkspace)).toEqual({ status: 400, detail: 'Workspace "nope" does not exist.' })
    expect((await failureOf(userManagement.listPermissionsForUser({ userId: 'nobody' }))).status).toBe(404)
  })

  it('assigns to several assignees in bulk, and revokes only what is listed', async () => {
    world = await startWithOfficialClient(DEMO_ORGANIZATION)
    const { userManagement } = world.client
    const assigned = await userManagement.assignPermissions({
      permissionsAssignment: {
        assignees: [user('john.doe'), group('legacy-team')],
        workspaces: [{ id: 'sales-emea', permissions: ['VIEW', 'EXPORT'], hierarchyPermissions: [] }],
        dataSources: [{ id: 'warehouse', permissions: ['USE'] }],
      },
    })
    expect(assigned.status).toBe(200)
    await userManagement.revokePermissions({
      permissionsAssignment: {
        assignees: [user('john.doe')],
        workspaces: [{ id: 'sales-emea', permissions: ['VIEW'], hierarchyPermissions: [] }],
      },
    })
    expect((await userManagement.listPermissionsForUser({ userId: 'john.doe' })).data).toEqual({
      workspaces: [{ id: 'sales-emea', name: 'Sales EMEA', permissions: ['EXPORT'], hierarchyPermissions: [] }],
      dataSources: [{ id: 'warehouse', name: 'Warehouse', permissions: ['USE'] }],
    })
    const legacy = await userManagement.listPermissionsForUserGroup({ userGroupId: 'legacy-team' })
    expect(legacy.data.workspaces[0]?.permissions).toEqual(['EXPORT', 'VIEW'])
    const nobody = userManagement.assignPermissions({ permissionsAssignment: { assignees: [user('nobody')] } })
    expect(await failureOf(nobody)).toEqual({ status: 400, detail: 'Assignee "user" with id "nobody" does not exist.' })
  })
})
