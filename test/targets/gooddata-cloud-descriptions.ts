import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import { fullFormats } from 'ajv-formats/dist/formats.js'

type Content = Record<string, { schema?: object }>
interface Operation {
  readonly requestBody?: { content: Content }
  readonly responses: Record<string, { content?: Content }>
}
interface Description {
  readonly paths: Record<string, Record<string, Operation>>
}

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'gooddata-cloud')
const FILES = ['gooddata-cloud-users.openapi.json', 'gooddata-cloud-permissions.openapi.json']

/**
 * Both GoodData API descriptions, for checking what the emulator is sent and answers. Unlike the
 * users-only validator in test/support, it checks inline schemas (managePermissions takes an array)
 * and reads OpenAPI 3.0's boolean exclusiveMinimum/Maximum, which the permissions description uses.
 */
export class GoodDataDescriptions {
  private readonly ajv = new Ajv({ strict: false, allErrors: true })
  private readonly descriptions: { readonly key: string; readonly description: Description }[]
  private readonly compiled = new Map<string, ValidateFunction>()

  constructor() {
    for (const [name, format] of Object.entries(fullFormats)) this.ajv.addFormat(name, format as never)
    this.ajv.addFormat('int32', true).addFormat('int64', true)
    this.descriptions = FILES.map((file, index) => {
      const description = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'), toDraft7) as Description
      this.ajv.addSchema(description, `d${index}`)
      return { key: `d${index}`, description }
    })
  }

  /** Problems of a request body against its operation, or [] when it fits. */
  checkRequest(method: string, path: string, body: unknown): string[] {
    const found = this.find(method, path)
    if (!found) return [`${method} ${path} is in neither API description`]
    const content = found.operation.requestBody?.content
    if (!content) return body === undefined ? [] : [`${method} ${path} takes no body`]
    const media = content['application/vnd.gooddata.api+json']
      ? 'application/vnd.gooddata.api+json'
      : 'application/json'
    return this.check([...found.pointer, 'requestBody', 'content', media, 'schema'], found.key, body)
  }

  /** Problems of a success answer against its operation's schema for that status and content type. */
  checkResponse(method: string, path: string, status: number, contentType: string | undefined, body: unknown) {
    const found = this.find(method, path)
    if (!found) return [`${method} ${path} is in neither API description`]
    const response = found.operation.responses[String(status)]
    if (!response) return [`${method} ${path} does not answer ${status} in the API description`]
    const media = Object.hasOwn(response.content ?? {}, contentType ?? '') ? contentType! : 'application/json'
    if (!response.content?.[media]?.schema) return body === undefined ? [] : [`${status} answers carry no body`]
    return this.check([...found.pointer, 'responses', String(status), 'content', media, 'schema'], found.key, body)
  }

  private find(method: string, path: string) {
    for (const { key, description } of this.descriptions) {
      for (const [template, operations] of Object.entries(description.paths)) {
        const operation = operations[method.toLowerCase()]
        if (operation && new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path))
          return { key, operation, pointer: ['paths', template, method.toLowerCase()] }
      }
    }
    return undefined
  }

  private check(pointer: string[], key: string, value: unknown): string[] {
    const ref = `${key}#/${pointer.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`
    let validate = this.compiled.get(ref)
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref })
      this.compiled.set(ref, validate)
    }
    return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`)
  }
}

/** OpenAPI 3.0 to what ajv reads: nullable only beside a type, numeric exclusive bounds. */
function toDraft7(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object') return value
  const schema = value as Record<string, unknown>
  if ('nullable' in schema && !('type' in schema)) delete schema['nullable']
  for (const [exclusive, bound] of [
    ['exclusiveMaximum', 'maximum'],
    ['exclusiveMinimum', 'minimum'],
  ] as const) {
    if (typeof schema[exclusive] !== 'boolean') continue
    if (schema[exclusive]) schema[exclusive] = schema[bound]
    else delete schema[exclusive]
    if (schema[exclusive] !== undefined) delete schema[bound]
  }
  return schema
}
