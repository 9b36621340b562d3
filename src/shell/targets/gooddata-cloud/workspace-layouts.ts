import { UnexpectedAnswerError } from '../../http/api-error.js'
import type { HttpClient } from '../../http/http-client.js'
import { getChecked } from './get-checked.js'
import { PAGE_SIZE } from './read-all-pages.js'
import { bodyProblem, isObject, layoutItemsProblem, notA, type Resource } from './wire.js'

export interface Assignment {
  readonly assignee: { readonly id: string; readonly type: string }
  readonly name: string
}

export interface WorkspaceLayout {
  readonly id: string
  readonly name?: string
  readonly parent?: { readonly id: string }
  readonly permissions?: readonly Assignment[]
  readonly hierarchyPermissions?: readonly Assignment[]
}

/**
 * The workspaces layout, which also carries every workspace's model: where that is more than an
 * answer may hold, the paged workspace list and each workspace's permission layout instead.
 */
export async function readWorkspaces(
  client: HttpClient,
  signal: AbortSignal,
): Promise<{ workspaces: WorkspaceLayout[] }> {
  try {
    return await getChecked<{ workspaces: WorkspaceLayout[] }>(
      client,
      { path: '/api/v1/layout/workspaces', query: { exclude: 'ACTIVITY_INFO' }, signal },
      (body) => layoutProblem(body, 'workspaces', ['permissions', 'hierarchyPermissions']),
    )
  } catch (error) {
    if (!(error instanceof UnexpectedAnswerError && error.message.includes('the body is larger than'))) throw error
    const listed = await listWorkspaces(client, signal)
    const workspaces = await Promise.all(
      listed.map(async (workspace) => {
        const path = `/api/v1/layout/workspaces/${encodeURIComponent(workspace.id)}/permissions`
        const held = await getChecked<Pick<WorkspaceLayout, 'permissions' | 'hierarchyPermissions'>>(
          client,
          { path, signal },
          (body) =>
            isObject(body)
              ? layoutProblem({ workspaces: [{ ...body, id: workspace.id }] }, 'workspaces', [
                  'permissions',
                  'hierarchyPermissions',
                ])
              : bodyProblem(body),
        )
        return {
          ...workspace,
          permissions: held.permissions ?? [],
          hierarchyPermissions: held.hierarchyPermissions ?? [],
        }
      }),
    )
    return { workspaces }
  }
}

/** Every workspace with its name and parent, page by page (500 a page, at most 2,000 pages). */
async function listWorkspaces(client: HttpClient, signal: AbortSignal): Promise<WorkspaceLayout[]> {
  const out: WorkspaceLayout[] = []
  const seen = new Set<string>()
  for (let page = 0; page < 2_000; page++) {
    const query = { include: 'parent', page: String(page), size: String(PAGE_SIZE) }
    const body = await getChecked<{ data: Resource[] }>(
      client,
      { path: '/api/v1/entities/workspaces', query, signal },
      (answer) =>
        isObject(answer) && Array.isArray(answer['data'])
          ? workspacesProblem(answer['data'])
          : notA('data', 'a list', isObject(answer) ? answer['data'] : answer),
    )
    let added = 0
    for (const resource of body.data) {
      if (seen.has(resource.id)) continue
      seen.add(resource.id)
      added++
      const name = resource.attributes?.['name']
      const parent = resource.relationships?.['parent']?.data
      out.push({
        id: resource.id,
        ...(typeof name === 'string' ? { name } : {}),
        ...(parent && 'id' in parent ? { parent: { id: parent.id } } : {}),
      })
    }
    // A short page ends the list; so does one that adds nothing, whatever its links say.
    if (body.data.length < PAGE_SIZE || added === 0) break
  }
  return out
}

function workspacesProblem(data: readonly unknown[]): string | undefined {
  for (const [index, item] of data.entries()) {
    if (!isObject(item) || typeof item['id'] !== 'string' || item['id'] === '')
      return notA(`data[${index}].id`, 'a non-empty string', isObject(item) ? item['id'] : item)
    const parent = isObject(item['relationships']) ? item['relationships']['parent'] : undefined
    const link = isObject(parent) ? parent['data'] : undefined
    if (link !== undefined && link !== null && (!isObject(link) || typeof link['id'] !== 'string'))
      return notA(`data[${index}].relationships.parent.data.id`, 'a string', isObject(link) ? link['id'] : link)
  }
  return undefined
}

/** GoodData's permission names: capitals, digits and _; anything else is not one, whatever a server says. */
const PERMISSION_NAME = /^[A-Z][A-Z0-9_]{0,63}$/

/** What is wrong with a layout's list of workspaces or data sources, or undefined; never quotes the server's text. */
export function layoutProblem(body: unknown, list: string, assignmentLists: readonly string[]): string | undefined {
  if (!isObject(body)) return bodyProblem(body)
  return layoutItemsProblem(body, list, (item, at) => {
    const parent = item['parent']
    if (parent !== undefined && parent !== null && (!isObject(parent) || typeof parent['id'] !== 'string'))
      return notA(`${at}.parent.id`, 'a string', isObject(parent) ? parent['id'] : parent)
    for (const key of assignmentLists) {
      const assignments = item[key]
      if (assignments === undefined) continue
      if (!Array.isArray(assignments)) return notA(`${at}.${key}`, 'a list', assignments)
      for (const [n, assignment] of assignments.entries()) {
        const where = `${at}.${key}[${n}]`
        if (!isObject(assignment)) return notA(where, 'an object', assignment)
        if (typeof assignment['name'] !== 'string' || !PERMISSION_NAME.test(assignment['name']))
          return notA(`${where}.name`, 'a permission name (capitals and _)', assignment['name'])
        const assignee = assignment['assignee']
        if (!isObject(assignee) || typeof assignee['id'] !== 'string' || typeof assignee['type'] !== 'string')
          return notA(`${where}.assignee`, 'an object with a string id and type', assignee)
      }
    }
    return undefined
  })
}
