/** Help texts, one per command, printed by --help and after usage errors. */
export const USAGE: Record<string, string> = {
  main: `Usage: user-provisioning <command> [options]

Access as code for analytics platforms: users and user groups as YAML.

Commands:
  validate   Check a config folder (YAML syntax, schema, references, cycles); no network.

Run "user-provisioning <command> --help" for a command's options.
`,
  validate: `Usage: user-provisioning validate --config DIR [--format text|json]

Checks the config folder DIR: users.yaml, users/**/*.yaml, groups.yaml, groups/**/*.yaml
and provisioning.yaml. Every problem is listed as file:line:col: message. Sends nothing.

Options:
  --config DIR        The config folder (required).
  --format FORMAT     text (default) or json.
  -h, --help          Show this help.

Exit codes: 0 valid, 1 invalid, 64 usage error.
`,
}
