import { createServer } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/shell/cli/run-cli.js'
import { writeConfig } from '../support/scenario.js'
import { captureIo } from './capture-io.js'

const closers: (() => void)[] = []
afterEach(() => {
  for (const close of closers.splice(0)) close()
})

async function planAgainst(host: string) {
  const config = writeConfig({ 'users.yaml': 'users: []\n' })
  closers.push(config.cleanUp)
  const cli = captureIo(config.cwd, { GOODDATA_TOKEN: 'token' })
  const started = Date.now()
  const exitCode = await runCli(['plan', '--config', 'config', '--host', host], cli.io)
  return { exitCode, stderr: cli.stderr(), seconds: (Date.now() - started) / 1000 }
}

describe('a host that has never answered', () => {
  it('fails after two tries, in a moment, saying nothing answers there', async () => {
    const run = await planAgainst('http://127.0.0.1:9')
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toMatch(
      /error: could not reach the target: GET \/api\/v1\/\S+ → no answer \(ECONNREFUSED: nothing answers at that address: check the host and its port\) after 2 attempts/,
    )
    expect(run.seconds).toBeLessThan(5)
  })

  it('says when an https:// URL meets a server that speaks plain HTTP, without OpenSSL text', async () => {
    const server = createServer((_, answer) => answer.end('plain'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    closers.push(() => server.close())
    const { port } = server.address() as { port: number }
    const run = await planAgainst(`https://127.0.0.1:${port}`)
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toContain(
      'the host does not speak TLS there: should the URL be http:// (loopback only), or is the port wrong?',
    )
    expect(run.stderr).not.toMatch(/ssl3_get_record|openssl/)
  })
})
