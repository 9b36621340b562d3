import { mkdir, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { renderExport, type ExportLayout } from '../../core/export/render-export.js'
import { normalizeHost } from '../http/normalize-host.js'
import { createGoodDataCloudTarget } from '../targets/gooddata-cloud/create-gooddata-cloud-target.js'
import { UsageError } from '../usage-error.js'
import { ExitCode, type CliIo } from './cli-io.js'

export interface ExportOptions {
  readonly command: 'export'
  readonly out: string
  readonly host?: string
  readonly layout: ExportLayout
  readonly force: boolean
}

/** `export`: reads the organization and writes a config tree that plans to no changes against it. */
export async function runExportCommand(options: ExportOptions, io: CliIo): Promise<number> {
  const rawHost = options.host ?? io.env['GOODDATA_HOST']
  if (!rawHost) throw new UsageError('no host: pass --host URL or set GOODDATA_HOST')
  const token = io.env['GOODDATA_TOKEN']
  if (!token) throw new UsageError('no token: set GOODDATA_TOKEN to an API token of the organization (never pass it on the command line)')
  const host = normalizeHost(rawHost)
  const outDir = resolve(io.cwd, options.out)
  const target = createGoodDataCloudTarget({ host, token })
  let tree: ReturnType<typeof renderExport>
  try {
    tree = renderExport(await target.readState(), { host, layout: options.layout })
  } finally {
    await target.close()
  }
  const paths = [...tree.files.keys()]
  const existing = (await Promise.all(paths.map(async (path) => ((await stat(join(outDir, path)).catch(() => undefined)) ? path : undefined)))).filter(Boolean)
  if (existing.length > 0 && !options.force) {
    io.stderr.write(`error: ${existing.map((path) => join(options.out, path!)).join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'}; nothing was written (pass --force to overwrite)\n`)
    return ExitCode.failure
  }
  for (const [path, text] of tree.files) {
    await mkdir(dirname(join(outDir, path)), { recursive: true })
    await writeFile(join(outDir, path), text)
    io.stdout.write(`wrote ${relative(io.cwd, join(outDir, path)) || path}\n`)
  }
  for (const item of tree.excluded) {
    io.stderr.write(`not managed: ${item.kind === 'user' ? 'user' : 'user group'} ${JSON.stringify(item.id)}: ${item.reason} (written as a comment; unmanaged in provisioning.yaml)\n`)
  }
  io.stdout.write(`exported ${host} to ${options.out}; run "user-provisioning plan --config ${options.out}" to check it shows no changes\n`)
  return ExitCode.ok
}
