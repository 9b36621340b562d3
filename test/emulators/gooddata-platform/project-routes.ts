import type { RouteAnswer } from '../shared/route-answer.js'
import { notFound, perlError } from './answer-format.js'
import { profileUri, projectUri, projectUser, readLimit, readOffset, roleUri } from './documents.js'
import type { PlatformState } from './platform-state.js'
import { lastAdmin, writeProjectUsers } from './project-user-writes.js'
import { roleById, ROLES } from './role-catalog.js'

/** The project's users and roles (wire facts §A4, §A5). */
export class ProjectRoutes {
  constructor(private readonly state: PlatformState) {}

  /**
   * No paging object at all, as recorded: a client knows there may be more only from a full page,
   * and an offset past the end answers `{"users": []}` (wire facts §A4.1). `limit` is honoured up
   * to 1000, 100 when absent (wire facts §C G2). DISABLED members are listed and keep their roles.
   */
  listUsers(query: URLSearchParams): RouteAnswer {
    const offset = readOffset(query)
    const members = [...this.state.members].slice(offset, offset + readLimit(query, 100))
    return {
      status: 200,
      body: { users: members.map(([id, member]) => projectUser(this.state, this.state.profiles.get(id)!, member)) },
    }
  }

  writeUsers(body: unknown, caller: string): RouteAnswer {
    return writeProjectUsers(this.state, body, caller)
  }

  /** One member, as in the list (wire facts §A4.4: the Java SDK reads it; never recorded). */
  getUser(id: string): RouteAnswer {
    const member = this.state.members.get(id)
    return member ? { status: 200, body: projectUser(this.state, this.state.profiles.get(id)!, member) } : notMember(id)
  }

  /** 200 and no body; 404 for a non-member; 403 for the last enabled admin (wire facts §C G3). */
  removeUser(id: string): RouteAnswer {
    if (!this.state.members.has(id)) return notMember(id)
    if (this.state.losesLastAdmin(new Map([[id, undefined]]))) return lastAdmin()
    this.state.removeMember(id)
    return { status: 200 }
  }

  /** `links.project` ends with `/` here (auth_tt_expired_then_refreshed.yaml). */
  userRoles(id: string): RouteAnswer {
    const member = this.state.members.get(id)
    if (!member) return notMember(id)
    const project = this.state.project
    return {
      status: 200,
      body: {
        associatedRoles: {
          roles: member.roles.map((role) => roleUri(project, role)),
          links: { project: `${projectUri(project)}/`, user: profileUri(id) },
        },
      },
    }
  }

  /** The public list, as the Java SDK's fixture and the old documentation have it (wire facts §C G5). */
  roles(): RouteAnswer {
    const project = this.state.project
    return {
      status: 200,
      body: {
        projectRoles: {
          roles: ROLES.map((role) => roleUri(project, role.id)),
          links: { project: `${projectUri(project)}/` },
        },
      },
    }
  }

  /** A role's detail has no `meta.uri`, unlike the internal list (wire facts §A5). */
  role(id: number): RouteAnswer {
    const role = roleById(id)
    if (!role) return notFound('Role')
    const { uri: _uri, ...meta } = this.roleMeta(id)
    return {
      status: 200,
      body: {
        projectRole: {
          permissions: { ...role.permissions },
          links: { roleUsers: `${roleUri(this.state.project, id)}/users` },
          meta,
        },
      },
    }
  }

  /** Every member holding the role, DISABLED ones too (our assumption: project_role_users.yaml shows an empty list only). */
  roleUsers(id: number): RouteAnswer {
    if (!roleById(id)) return notFound('Role')
    const users = [...this.state.members]
      .filter(([, member]) => member.roles.includes(id))
      .map(([profile]) => profileUri(profile))
    const project = this.state.project
    return {
      status: 200,
      body: {
        associatedUsers: { users, links: { project: `${projectUri(project)}/`, role: `${roleUri(project, id)}/` } },
      },
    }
  }

  /** The undocumented list the Ruby SDK reads, every role whole (project_roles_internal.yaml). */
  internalRoles(): RouteAnswer {
    const roles = ROLES.map((role) => ({
      projectRole: { permissions: { ...role.permissions }, meta: this.roleMeta(role.id) },
    }))
    return {
      status: 200,
      body: { internalProjectRoles: { links: { project: projectUri(this.state.project) }, roles } },
    }
  }

  private roleMeta(id: number) {
    const role = roleById(id)!
    const { projectCreated: at, projectOwner } = this.state
    const owner = profileUri(projectOwner)
    return {
      created: at,
      identifier: role.identifier,
      summary: role.summary,
      author: owner,
      updated: at,
      title: role.title,
      contributor: owner,
      uri: roleUri(this.state.project, id),
    }
  }
}

/** The Java SDK's mock of this 404 (wire facts §A4.3); the platform's own body was never recorded. */
function notMember(id: string): RouteAnswer {
  return perlError(404, 'GDC::Exception::NotFound', "User uid %s doesn't exist.", [id], 'GDC::LWP::UserAgent')
}
