import type { TargetType } from '../../core/model/entities.js'
import { adapterFor } from '../targets/connect-target.js'
import { describeMissing, findCredentials } from '../targets/read-credentials.js'
import type { ActionInputs } from './action-inputs.js'

/** Why the inputs cannot sign in to a target of this type (naming the inputs to set), or undefined. */
export function missingCredentials(type: TargetType, inputs: ActionInputs, mode: string): string | undefined {
  const adapter = adapterFor(type)
  return findCredentials(adapter, (part) => inputs[part.input]) ? undefined : describeMissing(adapter, 'input', mode)
}
