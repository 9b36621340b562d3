import { checkHost } from '../../core/model/host.js'
import { UsageError } from '../usage-error.js'

/** The organization's origin (see `checkHost`), or a UsageError that says what to write instead. */
export function normalizeHost(input: string): string {
  const checked = checkHost(input)
  if (!checked.ok) throw new UsageError(checked.reason)
  return checked.origin
}
