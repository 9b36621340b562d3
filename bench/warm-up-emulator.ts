// npx tsx bench/warm-up-emulator.ts URL: warms a GoodData emulator that has just started, as a server that has been up a
// while is warm, so that a timed run after it measures the client and the latency, not the emulator's first compiles.
// It reads the organization and creates, updates and deletes scratch users and groups (none is left behind), in a
// process of its own, so the process that is measured stays as cold as it was.
import type { Change } from '../src/core/model/change.js'
import { HttpClient } from '../src/shell/http/http-client.js'
import { goodDataCloudDialect } from '../src/shell/targets/gooddata-cloud/gooddata-cloud-dialect.js'
import { GoodDataCloudTarget } from '../src/shell/targets/gooddata-cloud/gooddata-cloud-target.js'
import { DEFAULT_TOKEN } from '../test/emulators/gooddata-cloud/server.js'

const ROUNDS = 20
const READS = 2
const WIDTH = 8

const url = process.argv[2]!
const target = new GoodDataCloudTarget(
  new HttpClient({ host: url, dialect: goodDataCloudDialect(DEFAULT_TOKEN), concurrency: WIDTH }),
  url,
)
try {
  for (let round = 0; round < ROUNDS; round++) {
    // The emulator's request log keeps every answer: two reads of a large organization warm it as well as twenty.
    if (round < READS) await target.readState()
    const ids = Array.from({ length: WIDTH }, (_, i) => `bench-warm-up-${round}-${i}`)
    const user = (id: string) => ({ id, userGroups: [id], email: `${id}@example.com`, unmanaged: {} })
    const group = (id: string) => ({ id, name: id, parents: [] })
    const steps: ((id: string) => Change)[] = [
      (id) => ({ action: 'create', kind: 'userGroup', id, after: group(id) }),
      (id) => ({ action: 'create', kind: 'user', id, after: user(id) }),
      (id) => ({ action: 'update', kind: 'user', id, before: user(id), after: { ...user(id), firstname: 'Warm' } }),
      (id) => ({ action: 'update', kind: 'userGroup', id, before: group(id), after: { ...group(id), name: 'Warm' } }),
      (id) => ({ action: 'delete', kind: 'user', id, before: user(id) }),
      (id) => ({ action: 'delete', kind: 'userGroup', id, before: group(id) }),
    ]
    for (const step of steps) await Promise.all(ids.map((id) => target.applyChange(step(id))))
  }
} finally {
  await target.close()
}
