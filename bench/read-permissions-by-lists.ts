// For the benchmark only: the alternative to the adapter's two permission layouts. Every user's and
// group's direct permissions from the paged userManagement lists (listUsers, listUserGroups: `page`
// from 0, `size`, and `totalCount` in every answer, per gooddata-cloud-users.openapi.json), and the
// workspaces with their parents and the data sources from the paged entity lists, since the lists
// name only the workspaces someone holds a permission on, without their place in the hierarchy.
// What it costs (requests, bytes, time) is counted by the benchmark around it.
import {
  normaliseScopedPermissions,
  type ScopedPermissions,
  type WorkspaceRef,
} from '../src/core/model/scoped-permissions.js'
import type { HttpClient } from '../src/shell/http/http-client.js'
import type { PermissionsRead } from '../src/shell/targets/gooddata-cloud/permission-layouts.js'

/** The description sets no upper bound on `size`; the adapter's entity lists and the SDK use 500. */
const PAGE_SIZE = 500

interface Assigned {
  readonly workspaces: readonly { id: string; permissions: string[]; hierarchyPermissions: string[] }[]
  readonly dataSources: readonly { id: string; permissions: string[] }[]
}
type Holder = Assigned & { readonly id: string }
interface Resource {
  readonly id: string
  readonly attributes?: { readonly name?: string }
  readonly relationships?: { readonly parent?: { readonly data?: { readonly id: string } } }
}

/** One page's items, and how many there are in all. */
type ReadPage<Item> = (body: Record<string, unknown>) => { readonly items: Item[]; readonly total: number }

/** Reads every page of the four lists, each list's pages after its first at once (the client bounds how many). */
export async function readPermissionsByLists(client: HttpClient): Promise<PermissionsRead> {
  const get = async (path: string, query: Record<string, string>) =>
    (await client.request({ method: 'GET', path, query })).body as Record<string, unknown>
  const pages = async <Item>(path: string, query: Record<string, string>, read: ReadPage<Item>) => {
    const page = (n: number) => get(path, { ...query, page: String(n), size: String(PAGE_SIZE) }).then(read)
    const first = await page(0)
    const count = Math.ceil(first.total / PAGE_SIZE)
    const rest = await Promise.all(Array.from({ length: Math.max(0, count - 1) }, (_, i) => page(i + 1)))
    return [first, ...rest].flatMap((each) => each.items)
  }
  const managed = (key: 'users' | 'userGroups') => (body: Record<string, unknown>) => ({
    items: body[key] as Holder[],
    total: body['totalCount'] as number,
  })
  const entities = (body: Record<string, unknown>) => ({
    items: body['data'] as Resource[],
    total: (body['meta'] as { page: { totalElements: number } }).page.totalElements,
  })
  const [users, userGroups, workspaces, dataSources] = await Promise.all([
    pages('/api/v1/actions/userManagement/users', {}, managed('users')),
    pages('/api/v1/actions/userManagement/userGroups', {}, managed('userGroups')),
    pages('/api/v1/entities/workspaces', { include: 'parent', metaInclude: 'page' }, entities),
    pages('/api/v1/entities/dataSources', { metaInclude: 'page' }, entities),
  ])
  return {
    scopes: {
      workspaces: workspaces.map(({ id, attributes, relationships }): WorkspaceRef => {
        const parent = relationships?.parent?.data?.id
        const name = attributes?.name
        return { id, ...(name === undefined ? {} : { name }), ...(parent === undefined ? {} : { parent }) }
      }),
      dataSources: dataSources.map(({ id, attributes }) => ({
        id,
        ...(attributes?.name === undefined ? {} : { name: attributes.name }),
      })),
    },
    users: heldBy(users),
    userGroups: heldBy(userGroups),
  }
}

/** Each holder that holds anything, as the layouts' reader keys them. */
function heldBy(holders: readonly Holder[]): Map<string, ScopedPermissions> {
  const held = new Map<string, ScopedPermissions>()
  for (const holder of holders) {
    if (holder.workspaces.length + holder.dataSources.length === 0) continue
    const permissions = normaliseScopedPermissions({
      workspaces: holder.workspaces.map(({ id, permissions, hierarchyPermissions }) => ({
        id,
        permissions,
        hierarchy: hierarchyPermissions,
      })),
      dataSources: holder.dataSources.map(({ id, permissions }) => ({ id, permissions })),
    })
    held.set(holder.id, permissions)
  }
  return held
}
