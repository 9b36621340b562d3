import { type ApiRequest, type ApiResponse, HttpClient } from '../src/shell/http/http-client.js'

/**
 * An HttpClient that keeps the body of every answer, to count the bytes afterwards: the emulator
 * writes JSON.stringify of each body, so the count is what crossed the wire, and counting after
 * the timed read keeps the serialising out of its time.
 */
export class CountingHttpClient extends HttpClient {
  private readonly bodies: unknown[] = []

  override async request(request: ApiRequest): Promise<ApiResponse> {
    const answer = await super.request(request)
    this.bodies.push(answer.body)
    return answer
  }

  /** The bytes of every answer so far. */
  answeredBytes(): number {
    return this.bodies.reduce<number>((sum, body) => sum + Buffer.byteLength(JSON.stringify(body) ?? ''), 0)
  }
}
