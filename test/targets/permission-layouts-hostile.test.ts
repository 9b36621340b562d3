import { afterEach, describe, expect, it } from 'vitest'
import { HttpClient } from '../../src/shell/http/http-client.js'
import { goodDataCloudDialect } from '../../src/shell/targets/gooddata-cloud/gooddata-cloud-dialect.js'
import { readPermissionLayouts } from '../../src/shell/targets/gooddata-cloud/permission-layouts.js'
import { startScriptedServer } from '../http/scripted-server.js'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

const grant = (type: string, id: string, name: string) => ({ assignee: { id, type }, name })

describe('the permission layouts as a server may answer them', () => {
  it('takes grants of users and groups only: an assignee of any other type, "constructor" included, holds nothing', async () => {
    const server = await startScriptedServer(({ url }) =>
      url.startsWith('/api/v1/layout/workspaces')
        ? {
            status: 200,
            body: {
              workspaces: [
                {
                  id: 'sales',
                  permissions: [
                    grant('constructor', 'x', 'VIEW'),
                    grant('__proto__', 'y', 'VIEW'),
                    grant('user', 'ana', 'VIEW'),
                  ],
                },
              ],
            },
          }
        : { status: 200, body: { dataSources: [{ id: 'w', permissions: [grant('toString', 'z', 'USE')] }] } },
    )
    closers.push(server.close)
    const client = new HttpClient({ host: server.url, dialect: goodDataCloudDialect('t') })
    closers.push(() => client.close())
    const read = await readPermissionLayouts(client, new AbortController().signal)
    expect([...read.users.keys()]).toEqual(['ana'])
    expect([...read.userGroups.keys()]).toEqual([])
    expect(read.users.get('ana')).toEqual({
      workspaces: [{ id: 'sales', permissions: ['VIEW'], hierarchy: [] }],
      dataSources: [],
    })
  })
})
