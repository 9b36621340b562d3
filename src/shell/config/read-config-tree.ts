import { didYouMean } from '../../core/config/suggest-closest.js'
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { classifyConfigPath, loadConfig, type ConfigFile, type LoadResult } from '../../core/config/load-config.js'
import type { Problem } from '../../core/model/problem.js'
import { hasInvisible, quoteValue } from '../../core/render/inert-text.js'
import { UsageError } from '../usage-error.js'

/** Files larger than this are refused unread: no real users file is near it, a hostile one may be. */
export const MAX_CONFIG_FILE_BYTES = 50 * 1024 * 1024
/** How deep users/ and groups/ are walked, and how many entries at most: a config tree is small. */
const MAX_DEPTH = 16
const MAX_ENTRIES = 20_000

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Reads every config file under `dir` and loads it; paths are reported relative to `cwd`.
 *
 * The folder is a boundary: only users.yaml, groups.yaml, provisioning.yaml and the users/ and
 * groups/ subtrees are walked, within a depth and entry budget; a symbolic link is followed only
 * when it resolves inside the folder (else it is a problem that names the link, never what it points
 * to); names that are not UTF-8 or hold control characters are reported, escaped, and skipped.
 */
export async function readConfigTree(dir: string, options: { cwd: string }): Promise<LoadResult> {
  const given = resolve(options.cwd, dir)
  const info = await stat(given).catch(() => undefined)
  if (!info?.isDirectory()) {
    throw new UsageError(
      `config folder ${quoteValue(dir)} ${info ? 'is not a folder' : 'does not exist'}; pass the folder that holds users.yaml and groups.yaml`,
    )
  }
  const root = await realpath(given)
  const walk = new TreeWalk(root, displayBase(given, options.cwd))
  await walk.readFolder(root, '', 0)
  const unread = walk.unread.map((name) => `${name}${didYouMean(name, CONFIG_FILE_NAMES) || ''}`)
  if (
    !walk.files.some((file) => classifyConfigPath(file.relativePath) !== 'provisioning') &&
    walk.problems.length === 0
  ) {
    const found = unread.length > 0 ? `; not read: ${unread.join(', ')}` : ''
    throw new UsageError(
      `no users.yaml, users/*.yaml, groups.yaml or groups/*.yaml in ${quoteValue(dir)}; is --config the config folder? (the files are named users.yaml and groups.yaml)${found}`,
    )
  }
  const result = loadConfig(walk.files, walk.problems)
  if (!result.ok || walk.unread.length === 0) return result
  // A YAML file beside the config files that is none of them is most likely one misnamed: say so, since nothing in it counts.
  const warnings = walk.unread.map((name, i) => ({
    file: walk.shown(name),
    line: 1,
    column: 1,
    message: `not read: ${quoteValue(name)} is not a config file (users.yaml, groups.yaml, provisioning.yaml, users/, groups/)${unread[i]!.slice(name.length)}`,
  }))
  return { ok: true, state: { ...result.state, warnings: [...warnings, ...(result.state.warnings ?? [])] } }
}

const CONFIG_FILE_NAMES = [
  'users.yaml',
  'groups.yaml',
  'provisioning.yaml',
  'users.yml',
  'groups.yml',
  'provisioning.yml',
]

class TreeWalk {
  readonly files: ConfigFile[] = []
  readonly problems: Problem[] = []
  /** YAML files at the top of the folder that are not config files (a misnamed users.yaml, say). */
  readonly unread: string[] = []
  private entries = 0
  private readonly visited = new Set<string>()

  constructor(
    private readonly root: string,
    private readonly base: string,
  ) {}

  shown(relativePath: string): string {
    return this.base === '.' ? relativePath : `${this.base}/${relativePath}`
  }

  async readFolder(absolute: string, relativeDir: string, depth: number): Promise<void> {
    if (this.visited.has(absolute)) return
    this.visited.add(absolute)
    const names = await readdir(absolute, { encoding: 'buffer' }).then(
      (found) => found.sort(Buffer.compare),
      () => undefined,
    )
    if (!names) {
      this.problem(relativeDir || '.', 'the folder could not be read (no permission?); its files were not read')
      return
    }
    for (const raw of names) {
      if (++this.entries > MAX_ENTRIES) {
        if (this.entries === MAX_ENTRIES + 1)
          this.problem(
            relativeDir || '.',
            `the config folder holds more than ${MAX_ENTRIES.toLocaleString('en-US')} entries under users/ and groups/; the rest was not read`,
          )
        return
      }
      const name = decodeName(raw)
      if (name === undefined || name === '' || hasInvisible(name)) {
        this.problem(
          relativeDir ? `${relativeDir}/${showName(raw)}` : showName(raw),
          'the file name holds bytes that are not UTF-8 text, or control characters; rename it (it was not read)',
        )
        continue
      }
      const relativePath = relativeDir ? `${relativeDir}/${name}` : name
      const inTree = depth === 0 ? /^(users|groups)$/.test(name) || classifyConfigPath(name) !== undefined : true
      if (inTree) await this.readEntry(join(absolute, name), relativePath, depth)
      else if (/\.ya?ml$/i.test(name)) this.unread.push(name)
    }
  }

  private async readEntry(absolute: string, relativePath: string, depth: number): Promise<void> {
    const link = await lstat(absolute)
    let target = absolute
    if (link.isSymbolicLink()) {
      const resolved = await realpath(absolute).catch(() => undefined)
      if (resolved === undefined || !isInside(this.root, resolved)) {
        // Whether it points at a folder is asked of the link's target without reading anything there.
        const pointsAtFolder =
          resolved !== undefined &&
          (await stat(resolved).then(
            (target) => target.isDirectory(),
            () => false,
          ))
        if (pointsAtFolder || classifyConfigPath(relativePath) !== undefined) {
          this.problem(
            relativePath,
            'is a symbolic link to somewhere outside the config folder (or to nothing); it was not read. Put the file itself in the folder',
          )
        }
        return
      }
      target = resolved
    }
    const info = await stat(target)
    if (info.isDirectory()) {
      if (depth >= MAX_DEPTH)
        this.problem(relativePath, `folders nest deeper than ${MAX_DEPTH} levels; this one was not read`)
      else await this.readFolder(target, relativePath, depth + 1)
      return
    }
    if (classifyConfigPath(relativePath) === undefined) return
    if (!info.isFile()) {
      this.problem(relativePath, 'is not a regular file (a device, socket or pipe); it was not read')
      return
    }
    const bytes =
      info.size > MAX_CONFIG_FILE_BYTES ? undefined : await readAtMost(target, MAX_CONFIG_FILE_BYTES, info.size)
    if (bytes === undefined) {
      const size =
        info.size > MAX_CONFIG_FILE_BYTES ? `${(info.size / 1024 / 1024).toFixed(1)} MB` : 'larger than 50 MB'
      this.problem(
        relativePath,
        `the file is ${size}; config files may be at most 50 MB, so split it (users/*.yaml, groups/*.yaml)`,
      )
      return
    }
    this.files.push({ relativePath, path: this.shown(relativePath), bytes })
  }

  private problem(relativePath: string, message: string): void {
    this.problems.push({ file: this.shown(relativePath), line: 1, column: 1, message })
  }
}

/**
 * Reads a file, or answers undefined when it holds more than `limit` bytes (its size on disk may not
 * say: /proc). The first read asks for that size and a byte more, so a regular file is read into one
 * buffer, not copied from chunks into another.
 */
async function readAtMost(path: string, limit: number, sizeOnDisk: number): Promise<Uint8Array | undefined> {
  const handle = await open(path, 'r')
  try {
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const wanted = chunks.length === 0 ? sizeOnDisk + 1 : 1024 * 1024
      const chunk = Buffer.allocUnsafe(Math.min(wanted, limit + 1 - total))
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null)
      if (bytesRead === 0) break
      total += bytesRead
      if (total > limit) return undefined
      chunks.push(chunk.subarray(0, bytesRead))
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)
  } finally {
    await handle.close()
  }
}

function decodeName(raw: Buffer): string | undefined {
  try {
    return utf8.decode(raw)
  } catch {
    return undefined
  }
}

/** A file name as a report may show it: printable ASCII as it is, every other byte as \xNN. */
function showName(raw: Buffer): string {
  return [...raw]
    .map((byte) =>
      byte >= 0x20 && byte < 0x7f && byte !== 0x5c
        ? String.fromCharCode(byte)
        : `\\x${byte.toString(16).padStart(2, '0')}`,
    )
    .join('')
}

function isInside(root: string, path: string): boolean {
  const inner = relative(root, path)
  return inner === '' || (!inner.startsWith('..') && !isAbsolute(inner))
}

/** The folder as reported: relative to the working directory when inside it, else from its parent. */
function displayBase(root: string, cwd: string): string {
  const fromCwd = relative(cwd, root)
  if (fromCwd === '') return '.'
  if (isInside(cwd, root)) return fromCwd.split(sep).join('/')
  return relative(resolve(root, '..'), root)
}
