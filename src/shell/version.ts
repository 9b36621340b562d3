import manifest from '../../package.json' with { type: 'json' }

/** The version this build is, from package.json: what `--version` prints and release tags name. */
export const VERSION: string = manifest.version
