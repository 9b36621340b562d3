import * as fs from 'node:fs/promises'
import { basename, dirname, join, relative } from 'node:path'

/** The file system calls a tree write makes; tests pass one that fails on a chosen call. */
export type TreeFileSystem = Pick<typeof fs, 'lstat' | 'mkdir' | 'mkdtemp' | 'rename' | 'rm' | 'writeFile'>

const RECURSIVE = { recursive: true, force: true } as const

/** A tree that could not be written. Unless `unrestored` names paths, the folder is as it was before. */
export class TreeWriteError extends Error {
  /** The path, relative to the tree, being written when it failed; '' for the folder itself. */
  readonly path: string
  /** The file system's error code (`EISDIR`, `ENOSPC`…), or 'unknown'. */
  readonly code: string
  /** Paths that could not be put back as they were, relative to the tree. */
  readonly unrestored: readonly string[]
  /** Where the files an export replaced are kept when some could not be put back. */
  readonly keptIn: string | undefined

  constructor(fields: { path: string; code: string; cause: unknown; unrestored?: readonly string[]; keptIn?: string }) {
    super(`could not write ${fields.path === '' ? 'the folder' : fields.path} (${fields.code})`, {
      cause: fields.cause,
    })
    this.name = 'TreeWriteError'
    this.path = fields.path
    this.code = fields.code
    this.unrestored = fields.unrestored ?? []
    this.keptIn = fields.keptIn
  }
}

/**
 * Writes every file of a tree or none. The files go to a staging folder beside `outDir` (the same
 * file system, so moves are renames); a new `outDir` is then one rename, an existing one gets file
 * by file renames, and a failure moves the replaced files back and removes the new ones. Answers
 * the staging folder when it could not be removed after a complete write.
 */
export async function writeTreeAtomically(
  outDir: string,
  files: ReadonlyMap<string, string>,
  io: TreeFileSystem = fs,
): Promise<{ readonly leftBehind: string | undefined }> {
  const parent = dirname(outDir)
  const createdParent = await step('', () => io.mkdir(parent, { recursive: true }))
  let staging: string | undefined
  let keepStaging = false
  let removed = false
  try {
    staging = await step('', () => io.mkdtemp(join(parent, `.${basename(outDir)}.export-`)))
    const tree = join(staging, 'tree')
    await writeFiles(io, tree, files)
    const existing = await step('', () => statOrUndefined(io, outDir))
    if (existing === undefined) await step('', () => io.rename(tree, outDir))
    else if (!existing.isDirectory()) throw new TreeWriteError({ path: '', code: 'ENOTDIR', cause: undefined })
    else await moveFilesInto(io, { tree, replaced: join(staging, 'replaced'), outDir }, [...files.keys()])
  } catch (error) {
    keepStaging = error instanceof TreeWriteError && error.unrestored.length > 0
    if (createdParent !== undefined) await io.rm(createdParent, RECURSIVE).catch(() => undefined)
    throw error
  } finally {
    if (staging !== undefined && !keepStaging)
      removed = await io.rm(staging, RECURSIVE).then(
        () => true,
        () => false,
      )
  }
  return { leftBehind: removed ? undefined : staging }
}

async function writeFiles(io: TreeFileSystem, tree: string, files: ReadonlyMap<string, string>): Promise<void> {
  for (const [path, text] of files) {
    await step(path, async () => {
      await io.mkdir(dirname(join(tree, path)), { recursive: true })
      await io.writeFile(join(tree, path), text)
    })
  }
}

interface MoveDirs {
  readonly tree: string
  readonly replaced: string
  readonly outDir: string
}

/** What the moves did so far, for undoing them: files moved in, files moved aside, folders made. */
interface MoveLog {
  readonly moved: string[]
  readonly kept: string[]
  readonly createdDirs: string[]
}

async function moveFilesInto(io: TreeFileSystem, dirs: MoveDirs, paths: readonly string[]): Promise<void> {
  const done: MoveLog = { moved: [], kept: [], createdDirs: [] }
  try {
    for (const path of paths) await step(path, () => moveFile(io, dirs, path, done))
  } catch (error) {
    const unrestored = await undoMoves(io, dirs, done)
    if (unrestored.length === 0 || !(error instanceof TreeWriteError)) throw error
    const { path, code, cause } = error
    throw new TreeWriteError({ path, code, cause, unrestored, keptIn: dirs.replaced })
  }
}

async function moveFile(io: TreeFileSystem, dirs: MoveDirs, path: string, done: MoveLog): Promise<void> {
  const made = await io.mkdir(dirname(join(dirs.outDir, path)), { recursive: true })
  if (made !== undefined) done.createdDirs.push(made)
  const existing = await statOrUndefined(io, join(dirs.outDir, path))
  // --force replaces files, never a folder that happens to have a file's name.
  if (existing?.isDirectory()) throw Object.assign(new Error(`${path} is a folder`), { code: 'EISDIR' })
  if (existing !== undefined) {
    await io.mkdir(dirname(join(dirs.replaced, path)), { recursive: true })
    await io.rename(join(dirs.outDir, path), join(dirs.replaced, path))
    done.kept.push(path)
  }
  await io.rename(join(dirs.tree, path), join(dirs.outDir, path))
  done.moved.push(path)
}

/** Puts the folder back as it was, as far as it can; answers the paths it could not. */
async function undoMoves(io: TreeFileSystem, dirs: MoveDirs, done: MoveLog): Promise<string[]> {
  const unrestored: string[] = []
  const attempt = async (path: string, run: () => Promise<unknown>) => {
    await run().catch(() => unrestored.push(path))
  }
  for (const path of done.moved) await attempt(path, () => io.rm(join(dirs.outDir, path), { force: true }))
  for (const path of done.kept) await attempt(path, () => io.rename(join(dirs.replaced, path), join(dirs.outDir, path)))
  for (const dir of done.createdDirs.reverse()) await attempt(relative(dirs.outDir, dir), () => io.rm(dir, RECURSIVE))
  return [...new Set(unrestored)]
}

/** Runs one file system step; a failure becomes a TreeWriteError naming the path. */
async function step<T>(path: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof TreeWriteError) throw error
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown'
    throw new TreeWriteError({ path, code, cause: error })
  }
}

async function statOrUndefined(io: TreeFileSystem, path: string) {
  return io.lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
}
