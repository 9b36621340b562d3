import { renderExport, type ExportedTree, type ExportLayout } from '../../core/export/render-export.js'
import type { TargetSettings } from '../../core/model/entities.js'
import type { Target } from '../targets/target.js'

/** Live state → a config tree in the target's own terms (its profile's fields, its type and host); closes the target. */
export async function exportConfig(
  target: Target,
  layout: ExportLayout,
  settings: TargetSettings,
): Promise<ExportedTree> {
  const platform = settings.gooddataPlatform
  try {
    return renderExport(await target.readState({ permissions: true }), {
      profile: target.profile,
      host: target.host,
      layout,
      ...(platform ? { target: { domain: platform.domain, project: platform.project } } : {}),
    })
  } finally {
    await target.close()
  }
}
