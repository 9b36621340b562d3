import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import { fullFormats } from 'ajv-formats/dist/formats.js'
import { BASE_PATH } from './routes.js'

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'opendatasoft')

type Json = Record<string, unknown>
interface Spec {
  paths: Record<string, Record<string, Json>>
  components: { schemas: Record<string, Json & { properties: Record<string, Json> }> }
}

/** The Opendatasoft description as tests validate against it: OpenAPI 3.1, so JSON Schema 2020-12. */
export function readSpec(options: { fixGroupsDefect: boolean } = { fixGroupsDefect: true }): Spec {
  const spec = JSON.parse(readFileSync(join(FIXTURES, 'opendatasoft-automation-users.openapi.json'), 'utf8')) as Spec
  if (options.fixGroupsDefect) {
    // Vendor defect: User.groups is a oneOf whose options overlap, since `[]` fits both and so does a
    // list of whole groups (`expand=groups`), which oneOf then rejects. Validated as anyOf instead.
    const { oneOf, ...groups } = spec.components.schemas['User']!.properties['groups']!
    spec.components.schemas['User']!.properties['groups'] = { ...groups, anyOf: oneOf }
  }
  return spec
}

/** Validates bodies against the operation of a method and path, the path with or without the base path. */
export class OpendatasoftSpec {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false })
  private readonly compiled = new Map<string, ValidateFunction>()
  /** Fixed paths before templated ones: `/users/invite/` is not `/users/{username}/`. */
  private readonly templates: string[]

  constructor(private readonly spec: Spec = readSpec()) {
    for (const [name, format] of Object.entries(fullFormats)) this.ajv.addFormat(name, format as never)
    this.ajv.addSchema(spec as never, 'spec')
    this.ajv.addSchema(withoutReadOnlyRequired(spec) as never, 'request-spec')
    const params = (template: string) => template.split('{').length
    this.templates = Object.keys(spec.paths).sort((a, b) => params(a) - params(b))
  }

  /** Problems of a response body against the operation's response for `status` (or its `default`). */
  responseProblems(method: string, path: string, status: number, body: unknown): string[] {
    const found = this.operation(method, path)
    if (!found) return [`${method} ${path} is not in the API description`]
    const responses = found.operation['responses'] as Record<string, Json>
    const key = String(status) in responses ? String(status) : 'default'
    let response = responses[key]!
    let pointer = `${found.pointer}/responses/${key}`
    if (typeof response['$ref'] === 'string') {
      pointer = (response['$ref'] as string).slice(1)
      response = this.resolve(pointer)
    }
    const media = (response['content'] as Record<string, Json> | undefined)?.['application/json']
    if (!media?.['schema']) return body === undefined ? [] : [`${method} ${path} ${status} is described without a body`]
    return this.check(`${pointer}/content/application~1json/schema`, body)
  }

  /** Problems of a request body against the operation's request schema. */
  requestProblems(method: string, path: string, body: unknown): string[] {
    const found = this.operation(method, path)
    if (!found) return [`${method} ${path} is not in the API description`]
    if (!found.operation['requestBody']) return body === undefined ? [] : [`${method} ${path} takes no body`]
    return this.check(`${found.pointer}/requestBody/content/application~1json/schema`, body, 'request-spec')
  }

  /** The operations of the description, as `METHOD /path/`. */
  operations(): string[] {
    return Object.entries(this.spec.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    )
  }

  /** The template a concrete path matches, if any. */
  template(method: string, path: string): string | undefined {
    const relative = path.startsWith(BASE_PATH) ? path.slice(BASE_PATH.length) : path
    return this.templates.find((template) => {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`)
      return pattern.test(relative) && this.spec.paths[template]![method.toLowerCase()] !== undefined
    })
  }

  private operation(method: string, path: string) {
    const template = this.template(method, path)
    if (template === undefined) return undefined
    const pointer = `/paths/${template.replaceAll('~', '~0').replaceAll('/', '~1')}/${method.toLowerCase()}`
    return { operation: this.spec.paths[template]![method.toLowerCase()]!, pointer }
  }

  private resolve(pointer: string): Json {
    return pointer
      .split('/')
      .slice(1)
      .reduce<Json>(
        (node, part) => node[part.replaceAll('~1', '/').replaceAll('~0', '~')] as Json,
        this.spec as unknown as Json,
      )
  }

  private check(pointer: string, value: unknown, document = 'spec'): string[] {
    const ref = `${document}#${pointer}`
    let validate = this.compiled.get(ref)
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref })
      this.compiled.set(ref, validate)
    }
    return validate(value)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`)
  }
}

/** OpenAPI does not require read-only properties in requests (`UserGroup.uid`); JSON Schema knows nothing of that. */
function withoutReadOnlyRequired(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutReadOnlyRequired)
  if (typeof node !== 'object' || node === null) return node
  const copy: Json = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, withoutReadOnlyRequired(value)]),
  )
  const properties = copy['properties'] as Record<string, Json> | undefined
  if (Array.isArray(copy['required']) && properties) {
    copy['required'] = copy['required'].filter((name: string) => properties[name]?.['readOnly'] !== true)
  }
  return copy
}
