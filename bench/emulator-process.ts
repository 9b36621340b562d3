import { execFile, spawn } from 'node:child_process'
import { join } from 'node:path'

/**
 * An emulator (GoodData's unless `target` says otherwise) in a process of its own, as a real server
 * would be, so that its work does not share the benchmarked client's event loop. Counts come from
 * its stats endpoint.
 */
export async function startEmulatorProcess(options: {
  latencyMs: number
  rateLimit: number
  seedFile: string
  target?: 'gooddata-cloud' | 'opendatasoft' | 'gooddata-platform'
}) {
  const cli = join(import.meta.dirname, '..', 'test', 'emulators', 'cli.ts')
  const args = [
    '--target',
    options.target ?? 'gooddata-cloud',
    '--port',
    '0',
    '--latency-ms',
    String(options.latencyMs),
    '--rate-limit',
    String(options.rateLimit),
    '--seed',
    options.seedFile,
  ]
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve, reject) => {
    let text = ''
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const match = /emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)
      if (match) resolve(match[1]!)
    })
    child.on('exit', (code) => reject(new Error(`the emulator exited with ${code}`)))
  })
  return {
    url,
    stats: async () =>
      (await (await fetch(`${url}/_emulator/stats`)).json()) as {
        requests: number
        faults: number
        rateLimited: number
      },
    /** Warms a GoodData emulator (bench/warm-up-emulator.ts, a process of its own); its requests count in `stats`. */
    warmUp: () =>
      new Promise<void>((resolve, reject) => {
        const script = join(import.meta.dirname, 'warm-up-emulator.ts')
        execFile(process.execPath, ['--import', 'tsx', script, url], (error) => (error ? reject(error) : resolve()))
      }),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
