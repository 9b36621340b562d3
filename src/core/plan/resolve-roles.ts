import type { ActualState } from '../model/actual-state.js'
import type { DesiredState } from '../model/entities.js'
import type { Problem } from '../model/problem.js'
import { didYouMean } from '../config/suggest-closest.js'

/**
 * A role as a person may write it, as the project's identifier: `editorRole`, `editor` or
 * `EDITOR` all name editorRole, as the Users Brick matched them (identifier, or identifier without
 * `Role`, ignoring case). Undefined when the project has no such role.
 */
export function canonicalRole(written: string, roles: readonly string[]): string | undefined {
  const wanted = written.toLowerCase()
  return (
    roles.find((role) => role.toLowerCase() === wanted) ??
    roles.find((role) => role.toLowerCase().replace(/role$/, '') === wanted)
  )
}

/**
 * Where users hold a project role (the legacy GoodData Platform): every active declared user's
 * role as the project names it, the default role for those with none. A role the project does not
 * have is a problem at the user, with the closest role the project has.
 */
export function resolveRoles(
  desired: DesiredState,
  actual: ActualState,
): { desired: DesiredState; problems: Problem[] } {
  const settings = desired.settings.target.gooddataPlatform
  const roles = actual.roles
  if (!settings || !roles) return { desired, problems: [] }
  const problems: Problem[] = []
  const users = desired.users.map((user) => {
    if (!user.isActive) return user
    const written = user.role ?? settings.defaultRole
    const role = canonicalRole(written, roles)
    if (role === undefined) {
      const from = user.role === undefined ? ' (gooddata_platform.default_role)' : ''
      problems.push({
        ...user.source,
        message: `user ${JSON.stringify(user.id)} has role ${JSON.stringify(written)}${from}, which the project does not have${
          didYouMean(
            written,
            roles.map((role) => role.replace(/Role$/, '')),
          ) || `; it has ${roles.join(', ')}`
        }`,
      })
      return user
    }
    return role === user.role ? user : { ...user, role }
  })
  return { desired: { ...desired, users }, problems }
}
