import { keepYoungGenerationSmall } from '../young-generation.js'
import { run } from './main.js'

keepYoungGenerationSmall()
await run()
