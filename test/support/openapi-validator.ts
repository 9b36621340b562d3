import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import { fullFormats } from 'ajv-formats/dist/formats.js'

interface Operation {
  readonly requestBody?: { content: Record<string, { schema: { $ref: string } }> }
  readonly responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }>
}

/** Validates requests and responses against the recorded GoodData OpenAPI description. */
export class OpenApiValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true })
  private readonly spec: { paths: Record<string, Record<string, Operation>> }
  private readonly compiled = new Map<string, ValidateFunction>()

  constructor(
    file = join(import.meta.dirname, '..', 'fixtures', 'gooddata-cloud', 'gooddata-cloud-users.openapi.json'),
  ) {
    this.spec = JSON.parse(readFileSync(file, 'utf8'), (_key, value) => {
      // OpenAPI 3.0 puts nullable beside $ref and allOf; ajv accepts it only beside a type.
      if (value && typeof value === 'object' && 'nullable' in value && !('type' in value)) delete value.nullable
      return value
    })
    for (const [name, format] of Object.entries(fullFormats)) this.ajv.addFormat(name, format as never)
    this.ajv.addFormat('int32', true).addFormat('int64', true)
    this.ajv.addSchema(this.spec, 'spec')
  }

  /** The operation for a concrete path, matching templates such as /users/{id}. */
  operation(method: string, path: string): Operation | undefined {
    for (const [template, operations] of Object.entries(this.spec.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`)
      if (pattern.test(path)) return operations[method.toLowerCase()]
    }
    return undefined
  }

  /** Problems of a request body against the operation's schema, or [] when it fits. */
  checkRequest(method: string, path: string, body: unknown): string[] {
    const content = this.operation(method, path)?.requestBody?.content
    if (!content) return body === undefined ? [] : [`${method} ${path} takes no body`]
    const schema = (content['application/vnd.gooddata.api+json'] ?? content['application/json'])!.schema.$ref
    return this.check(schema, body)
  }

  /** Problems of a success response body against the operation's schema for that status. */
  checkResponse(
    method: string,
    path: string,
    status: number,
    contentType: string | undefined,
    body: unknown,
  ): string[] {
    const operation = this.operation(method, path)
    if (!operation) return [`${method} ${path} is not in the API description`]
    const response = operation.responses[String(status)]
    if (!response) return [`${method} ${path} does not answer ${status} in the API description`]
    if (!response.content) return body === undefined ? [] : [`${status} answers carry no body`]
    const media = response.content[contentType ?? ''] ?? response.content['application/json']
    if (!media) return [`content type ${contentType} is not described for ${method} ${path}`]
    return this.check(media.schema.$ref, body)
  }

  private check(ref: string, value: unknown): string[] {
    let validate = this.compiled.get(ref)
    if (!validate) {
      validate = this.ajv.compile({ $ref: `spec${ref}` })
      this.compiled.set(ref, validate)
    }
    return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`)
  }
}
