/** Where each target's host and secret come from: variables only, never options. */
const CREDENTIALS = `Credentials come from variables only (no option, so they never land in shell history):
  gooddata-cloud       GOODDATA_TOKEN (and GOODDATA_HOST for the host)
  opendatasoft         ODS_API_KEY (and ODS_HOST)
  gooddata-platform    GDC_USERNAME and GDC_PASSWORD, or GDC_SST (and GDC_HOST)`

const PLAN_OPTIONS = `Options:
  --config DIR          The config folder (required).
  --host URL            The organization's URL; else the target's host variable, else target.host.
  --load MODE           full or incremental; overrides provisioning.yaml.
  --format FORMAT       text (default), markdown or json.
  --out FILE            Write the output to FILE instead of standard output.
  --concurrency N       Requests in flight at once, 1 to 64 (default 8).
  --allow-blocked       Go ahead even when the plan is blocked by a safety limit.
  -h, --help            Show this help.`

/** Help texts, one per command, printed by --help and after usage errors. */
export const USAGE: Record<string, string> = {
  main: `Usage: user-provisioning <command> [options]

Access as code for analytics platforms: users and user groups as YAML.

Commands:
  validate   Check a config folder (YAML syntax, schema, references, cycles); no network.
  plan       Show what apply would change on the target; changes nothing.
  apply      Change the target so it matches the config.
  export     Write the config tree of a live organization (to start managing it as code).

Run "user-provisioning <command> --help" for a command's options, and "user-provisioning --version"
for the version.
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
  plan: `Usage: user-provisioning plan --config DIR [options]

Reads the target and shows the plan: what would be created, updated and deleted, what is
left alone and why, and who gains or loses access through nested groups. Changes nothing.

${PLAN_OPTIONS}
  --detailed-exitcode   Exit 2 when the plan has changes (as Terraform does).

${CREDENTIALS}

Exit codes: 0 success, 1 failure or invalid config, 2 changes (with --detailed-exitcode),
3 blocked by a safety limit, 64 usage error.
`,
  export: `Usage: user-provisioning export --out DIR [--target TYPE [--domain D --project P]] [--host URL] [--layout single|per-group] [--force]

Reads the organization and writes users.yaml, groups.yaml and provisioning.yaml to DIR, sorted
by id, each with a schema comment pointing at DIR/schemas/, which it writes too (editors then
complete and check the files at once). provisioning.yaml protects what the target protects on
its own (the token's user, the bootstrap user and group, staff accounts). What the config cannot declare as it is (an id the schema rejects, a group
cycle made outside the config) is written as a comment, reported here, and left unmanaged, so
"plan" on the export shows no changes.

Options:
  --out DIR             The folder to write (required).
  --target TYPE         The target's type, as target.type says it (default gooddata-cloud).
  --domain DOMAIN       gooddata-platform only: the user domain (required there).
  --project ID          gooddata-platform only: the project to read (required there).
  --host URL            The organization's URL; else the target's host variable.
  --layout LAYOUT       single (default): users.yaml; per-group: users/<first group>.yaml.
  --force               Overwrite files that exist.
  -h, --help            Show this help.

${CREDENTIALS}

Exit codes: 0 written, 1 failure or files exist, 64 usage error.
`,
  apply: `Usage: user-provisioning apply --config DIR [options]

Plans against the live target, then applies the plan: groups created parents first, groups
updated, users created and updated, users deleted, groups deleted children first. A change
that fails does not stop the others; running apply again retries what is left.

${PLAN_OPTIONS}

${CREDENTIALS}

Exit codes: 0 everything applied, 1 a change failed or the config is invalid, 3 blocked by a
safety limit (nothing applied), 64 usage error.
`,
}
