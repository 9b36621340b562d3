import type { TargetSettings, TargetType } from '../../core/model/entities.js'
import { readSettings } from '../../core/config/read-settings.js'
import { UsageError } from '../usage-error.js'
import { stat } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import type { ExportLayout } from '../../core/export/render-export.js'
import { connectFromEnvironment } from '../targets/connect-target.js'
import { exportConfig } from '../use-cases/export-config.js'
import { ExitCode, type CliIo } from './cli-io.js'
import { TreeWriteError, writeTreeAtomically } from './write-tree-atomically.js'

export interface ExportOptions {
  readonly command: 'export'
  readonly type: TargetType
  /** The legacy platform's user domain and project. */
  readonly domain?: string
  readonly project?: string
  readonly out: string
  readonly host?: string
  readonly layout: ExportLayout
  readonly force: boolean
}

/** `export`: reads the organization and writes a config tree that plans to no changes against it. */
export async function runExportCommand(options: ExportOptions, io: CliIo): Promise<number> {
  const settings = exportSettings(options)
  const target = connectFromEnvironment(settings, {
    ...(options.host === undefined ? {} : { host: options.host }),
    env: io.env,
    concurrency: 8,
    fromConfig: false,
  })
  const host = target.host
  const outDir = resolve(io.cwd, options.out)
  const tree = await exportConfig(target, options.layout, settings)
  const paths = [...tree.files.keys()]
  const existing = await findExisting(outDir, paths)
  if (existing.length > 0 && !options.force) {
    const names = existing.map((path) => join(options.out, path)).join(', ')
    io.stderr.write(
      `error: ${names} already ${existing.length === 1 ? 'exists' : 'exist'}; nothing was written (pass --force to overwrite)\n`,
    )
    return ExitCode.failure
  }
  try {
    const { leftBehind } = await writeTreeAtomically(outDir, tree.files)
    if (leftBehind !== undefined)
      io.stderr.write(`warning: could not remove ${leftBehind}, a leftover of the export; delete it\n`)
  } catch (error) {
    if (!(error instanceof TreeWriteError)) throw error
    io.stderr.write(describeWriteError(error, options.out))
    return ExitCode.failure
  }
  for (const path of paths) io.stdout.write(`wrote ${relative(io.cwd, join(outDir, path)) || path}\n`)
  for (const item of tree.excluded) {
    const what = `${item.kind === 'user' ? 'user' : 'user group'} ${JSON.stringify(item.id)}`
    io.stderr.write(`not managed: ${what}: ${item.reason} (written as a comment; unmanaged in provisioning.yaml)\n`)
  }
  io.stdout.write(
    `exported ${host} to ${options.out}; run "user-provisioning plan --config ${options.out}" to check it shows no changes\n`,
  )
  return ExitCode.ok
}

/** What a failed write did and did not leave behind, for stderr. */
function describeWriteError(error: TreeWriteError, out: string): string {
  const where = error.path === '' ? out : join(out, error.path)
  if (error.unrestored.length === 0) return `error: could not write ${where} (${error.code}); nothing was written\n`
  const paths = error.unrestored.map((path) => join(out, path)).join(', ')
  const replaced = `the files the export replaced are in ${error.keptIn}`
  return `error: could not write ${where} (${error.code}), nor put back ${paths}; ${replaced}\n`
}

async function findExisting(outDir: string, paths: readonly string[]): Promise<string[]> {
  const exists = async (path: string) => (await stat(join(outDir, path)).catch(() => undefined)) !== undefined
  const found = await Promise.all(paths.map(async (path) => ((await exists(path)) ? path : undefined)))
  return found.filter((path) => path !== undefined)
}

/** The target as export reads it: the legacy platform needs its domain and project, given as options. */
function exportSettings(options: ExportOptions): TargetSettings {
  if (options.type !== 'gooddata-platform') return { type: options.type }
  if (!options.domain || !options.project)
    throw new UsageError(
      'export --target gooddata-platform needs --domain DOMAIN and --project PROJECT_ID: the user domain and the project to read',
    )
  // As provisioning.yaml would say it: the loader's defaults for everything else.
  return readSettings({ target: { type: options.type, domain: options.domain, project: options.project } }).target
}
