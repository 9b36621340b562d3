import { setV8Flags } from '../v8-flags.js'
import { run } from './main.js'

setV8Flags()
await run()
