// Child process of bench/validate.ts: validates one tree and prints its own time and peak memory.
import { readConfigTree } from '../src/shell/config/read-config-tree.js'

const dir = process.argv[2]!
const started = performance.now()
const result = await readConfigTree(dir, { cwd: process.cwd() })
const ms = performance.now() - started
const peakMb = process.resourceUsage().maxRSS / 1024
const counts = result.ok
  ? { users: result.state.users.length, groups: result.state.userGroups.length }
  : { problems: result.problems.length }
process.stdout.write(`${JSON.stringify({ ms, peakMb, ok: result.ok, ...counts })}\n`)
