import type { RouteAnswer } from '../shared/route-answer.js'
import { notFound } from './problem-answers.js'
import type { JsonApiDocuments } from './json-api-documents.js'
import type { OrganizationState } from './organization-state.js'

/** GoodData.CN Community Edition's early-access flags, as recorded (store_declarative_users.yaml). */
const EARLY_ACCESS = [
  'enableAlerting',
  'enableSmtp',
  'enablePreAggregationDatasets',
  'enableScheduling',
  'enableCompositeGrain',
  'enableUserManagement',
  'enableRawExports',
  'enableFlexibleDashboardLayout',
]

/** The profile and organization endpoints. */
export class OrganizationRoutes {
  constructor(
    private readonly origin: string,
    private readonly state: OrganizationState,
    private readonly documents: JsonApiDocuments,
  ) {}

  profile(user: string): RouteAnswer {
    const { origin, state } = this
    return {
      status: 200,
      body: {
        entitlements: [],
        features: { context: { earlyAccess: '', earlyAccessValues: [] }, items: {} },
        links: {
          organization: `${origin}/api/v1/entities/admin/organizations/${state.organizationId}`,
          self: `${origin}/api/v1/profile`,
          user: `${origin}/api/v1/entities/users/${user}`,
        },
        name: user,
        organizationId: state.organizationId,
        organizationName: state.organizationName,
        permissions: ['MANAGE'],
        telemetryConfig: {
          context: { deploymentId: 'emulator', organizationHash: 'emulator', userHash: 'emulator' },
          services: {},
        },
        userId: user,
      },
    }
  }

  redirectToOrganization(): RouteAnswer {
    return { status: 302, headers: { location: `/api/v1/entities/admin/organizations/${this.state.organizationId}` } }
  }

  organization(id: string, query: URLSearchParams): RouteAnswer {
    if (id !== this.state.organizationId) return notFound()
    const { relationships, included } = this.bootstrapRelations(query)
    const attributes = {
      allowedOrigins: [],
      dataCenter: '',
      earlyAccess: EARLY_ACCESS[0],
      earlyAccessValues: EARLY_ACCESS,
      hostname: 'localhost',
      name: this.state.organizationName,
      region: '',
    }
    return {
      status: 200,
      body: {
        data: {
          attributes,
          id,
          ...(Object.keys(relationships).length > 0 ? { relationships } : {}),
          type: 'organization',
        },
        ...(included.length > 0 ? { included } : {}),
        links: this.documents.selfLink(`/api/v1/entities/admin/organizations/${id}`),
      },
    }
  }

  /** The bootstrap user and group, as `include=bootstrapUser,bootstrapUserGroup` or `ALL` asks. */
  private bootstrapRelations(query: URLSearchParams) {
    const { state, documents } = this
    const include = (query.get('include') ?? '').split(',').filter(Boolean)
    const all = include.includes('ALL')
    const relationships: Record<string, unknown> = {}
    const included: unknown[] = []
    if (all || include.includes('bootstrapUser')) {
      relationships['bootstrapUser'] = { data: { id: state.bootstrapUser, type: 'user' } }
      const user = state.users.get(state.bootstrapUser)
      if (user) included.push(documents.userResource(user, false, true))
    }
    if (all || include.includes('bootstrapUserGroup')) {
      relationships['bootstrapUserGroup'] = { data: { id: state.bootstrapUserGroup, type: 'userGroup' } }
      const group = state.userGroups.get(state.bootstrapUserGroup)
      if (group) included.push(documents.userGroupResource(group, false, true))
    }
    return { relationships, included }
  }
}
