import { readdir, readFile, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { classifyConfigPath, loadConfig, type ConfigFile, type LoadResult } from '../../core/config/load-config.js'
import type { Problem } from '../../core/model/problem.js'
import { UsageError } from '../usage-error.js'

/** Files larger than this are refused unread: no real users file is near it, a hostile one may be. */
export const MAX_CONFIG_FILE_BYTES = 50 * 1024 * 1024

/** Reads every config file under `dir` and loads it; paths are reported relative to `cwd`. */
export async function readConfigTree(dir: string, options: { cwd: string }): Promise<LoadResult> {
  const root = resolve(options.cwd, dir)
  const info = await stat(root).catch(() => undefined)
  if (!info?.isDirectory()) {
    throw new UsageError(`config folder ${JSON.stringify(dir)} ${info ? 'is not a folder' : 'does not exist'}; pass the folder that holds users.yaml and groups.yaml`)
  }
  const base = displayBase(root, options.cwd)
  const entries = (await readdir(root, { recursive: true })).map((entry) => entry.split(sep).join('/'))
  const candidates = entries.filter((entry) => classifyConfigPath(entry) !== undefined).sort()
  const files: ConfigFile[] = []
  const problems: Problem[] = []
  for (const relativePath of candidates) {
    const absolute = join(root, relativePath)
    const path = base === '.' ? relativePath : `${base}/${relativePath}`
    const fileInfo = await stat(absolute)
    if (!fileInfo.isFile()) continue
    if (fileInfo.size > MAX_CONFIG_FILE_BYTES) {
      const size = (fileInfo.size / 1024 / 1024).toFixed(1)
      problems.push({ file: path, line: 1, column: 1, message: `the file is ${size} MB; config files may be at most 50 MB, so split it (users/*.yaml, groups/*.yaml)` })
      continue
    }
    files.push({ relativePath, path, bytes: await readFile(absolute) })
  }
  if (!candidates.some((entry) => classifyConfigPath(entry) !== 'provisioning')) {
    throw new UsageError(`no users.yaml, users/*.yaml, groups.yaml or groups/*.yaml in ${JSON.stringify(dir)}; is --config the config folder?`)
  }
  return loadConfig(files, problems)
}

/** The folder as reported: relative to the working directory when inside it, else from its parent. */
function displayBase(root: string, cwd: string): string {
  const fromCwd = relative(cwd, root)
  if (fromCwd === '') return '.'
  if (!fromCwd.startsWith('..') && !isAbsolute(fromCwd)) return fromCwd.split(sep).join('/')
  return relative(resolve(root, '..'), root)
}
