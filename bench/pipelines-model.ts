// A model of the HTTP request sequence gooddata-pipelines 1.73 sends for a user-groups full load
// followed by a users full load (UserGroupProvisioner, UserProvisioner: see the project's notes on
// that tool). It is not that tool: it replays its request pattern, sequentially, for comparison.
import type { DesiredState } from '../src/core/model/entities.js'
import type { HttpClient } from '../src/shell/http/http-client.js'

type Listed = {
  id: string
  attributes?: Record<string, string>
  relationships?: Record<string, { data?: { id: string }[] }>
}

async function listAll(send: HttpClient['request'], collection: 'users' | 'userGroups'): Promise<Listed[]> {
  const out: Listed[] = []
  for (let page = 0; ; page++) {
    const body = (
      await send({
        method: 'GET',
        path: `/api/v1/entities/${collection}`,
        query: { include: 'userGroups', page: String(page), size: '500' },
      })
    ).body as { data: Listed[] }
    out.push(...body.data)
    if (body.data.length < 500) return out
  }
}

const setKey = (ids: readonly string[]) => [...ids].sort().join(',')

/** Replays the request pattern; answers the number of requests it sent. */
export async function replayPipelinesFullLoad(client: HttpClient, desired: DesiredState): Promise<number> {
  let requests = 0
  const send: HttpClient['request'] = async (request) => {
    requests++
    return client.request({ ...request, expect: [404] })
  }
  // User groups full load: list, then per created or changed group a GET and a POST or PUT; per extra group a DELETE.
  const groups = await listAll(send, 'userGroups')
  const upstreamGroups = new Map(groups.map((group) => [group.id, group]))
  for (const group of desired.userGroups) {
    const upstream = upstreamGroups.get(group.id)
    const parents = upstream?.relationships?.['parents']?.data?.map((link) => link.id) ?? []
    if (upstream && upstream.attributes?.['name'] === group.name && setKey(parents) === setKey(group.parents)) continue
    await send({ method: 'GET', path: `/api/v1/entities/userGroups/${group.id}`, query: { include: 'ALL' } })
    const body = {
      data: {
        id: group.id,
        type: 'userGroup',
        attributes: { name: group.name },
        relationships: { parents: { data: group.parents.map((id) => ({ id, type: 'userGroup' })) } },
      },
    }
    await send(
      upstream
        ? { method: 'PUT', path: `/api/v1/entities/userGroups/${group.id}`, body }
        : { method: 'POST', path: '/api/v1/entities/userGroups', body },
    )
  }
  const declaredGroups = new Set(desired.userGroups.map((group) => group.id))
  for (const group of groups)
    if (!declaredGroups.has(group.id) && group.id !== 'adminGroup')
      await send({ method: 'DELETE', path: `/api/v1/entities/userGroups/${group.id}` })

  // Users full load: profile, list, then per differing user a GET per group, a GET and a PUT or POST; per extra user a GET and a DELETE.
  await send({ method: 'GET', path: '/api/v1/profile' })
  const users = await listAll(send, 'users')
  const upstreamUsers = new Map(users.map((user) => [user.id, user]))
  for (const user of desired.users) {
    const upstream = upstreamUsers.get(user.id)
    const attributes = upstream?.attributes ?? {}
    const groupsNow = upstream?.relationships?.['userGroups']?.data?.map((link) => link.id) ?? []
    const equal =
      upstream &&
      attributes['firstname'] === user.firstname &&
      attributes['lastname'] === user.lastname &&
      attributes['email'] === user.email &&
      attributes['authenticationId'] === user.authId &&
      setKey(groupsNow) === setKey(user.userGroups)
    if (equal) continue
    for (const group of user.userGroups)
      await send({ method: 'GET', path: `/api/v1/entities/userGroups/${group}`, query: { include: 'ALL' } })
    await send({ method: 'GET', path: `/api/v1/entities/users/${user.id}`, query: { include: 'userGroups' } })
    const body = {
      data: {
        id: user.id,
        type: 'user',
        attributes: { firstname: user.firstname, lastname: user.lastname, email: user.email },
        relationships: { userGroups: { data: user.userGroups.map((id) => ({ id, type: 'userGroup' })) } },
      },
    }
    await send(
      upstream
        ? { method: 'PUT', path: `/api/v1/entities/users/${user.id}`, body }
        : { method: 'POST', path: '/api/v1/entities/users', body },
    )
  }
  const declaredUsers = new Set(desired.users.map((user) => user.id))
  for (const user of users) {
    if (declaredUsers.has(user.id) || user.id === 'admin') continue
    await send({ method: 'GET', path: `/api/v1/entities/users/${user.id}` })
    await send({ method: 'DELETE', path: `/api/v1/entities/users/${user.id}` })
  }
  return requests
}
