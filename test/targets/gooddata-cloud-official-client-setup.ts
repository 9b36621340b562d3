import { newAxios, setAxiosAuthorizationToken, tigerClientFactory, type ITigerClient } from '@gooddata/api-client-tiger'
import { DEFAULT_TOKEN, startGoodDataEmulator, type RunningEmulator } from '../emulators/gooddata-cloud/server.js'
import type { OrganizationSeed } from '../emulators/gooddata-cloud/organization-state.js'
import { GoodDataDescriptions } from './gooddata-cloud-descriptions.js'

const descriptions = new GoodDataDescriptions()

/** An emulator and GoodData's own client pointed at it, as a new user would set them up. */
export interface OfficialClientWorld {
  readonly emulator: RunningEmulator
  readonly client: ITigerClient
}

/** Starts the emulator with `seed` and the official client (newAxios + the bearer token) against it. */
export async function startWithOfficialClient(seed?: OrganizationSeed): Promise<OfficialClientWorld> {
  const emulator = await startGoodDataEmulator(seed ? { seed } : {})
  const axios = newAxios(emulator.url)
  setAxiosAuthorizationToken(axios, DEFAULT_TOKEN)
  return { emulator, client: tigerClientFactory(axios) }
}

/** What a request the official client made was answered with: the status and the problem body. */
export async function failureOf(request: Promise<unknown>): Promise<{ status: number; detail: string }> {
  try {
    await request
  } catch (error) {
    const response = (error as { response?: { status: number; data: { detail: string } } }).response
    if (response) return { status: response.status, detail: response.data.detail }
    throw error
  }
  throw new Error('the request succeeded')
}

/**
 * Every accepted request and its answer checked against the operation of the API description that
 * has it; refused requests are the tests' deliberate mistakes.
 */
export function descriptionProblems(emulator: RunningEmulator): string[] {
  return emulator.requestLog.flatMap((entry) => {
    const where = `${entry.method} ${entry.path}`
    const status = entry.status as number
    if (status >= 400) return []
    const request = descriptions.checkRequest(entry.method, entry.path, entry.requestBody)
    const response = descriptions.checkResponse(entry.method, entry.path, status, entry.contentType, entry.responseBody)
    return [...request.map((p) => `request ${where}: ${p}`), ...response.map((p) => `response ${where}: ${p}`)]
  })
}
