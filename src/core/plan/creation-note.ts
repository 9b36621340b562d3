import type { TargetSettings } from '../model/entities.js'

/**
 * How the target creates (and, on the legacy platform, removes) users, where the config chooses it:
 * said in the plan when it creates any, and covered by the plan's hash, so a pull request cannot
 * change it unseen.
 */
export function creationSettings(
  settings: TargetSettings,
): { readonly note: string; readonly hashed: string } | undefined {
  const ods = settings.opendatasoft
  if (ods) {
    const note =
      ods.createUsersBy === 'provision'
        ? `new users are provisioned at once, signing in through the identity provider ${JSON.stringify(ods.identityProvider ?? '')}, with no invitation`
        : 'new users are invited: Opendatasoft emails each of them an invitation'
    return {
      note,
      hashed: JSON.stringify({ createUsersBy: ods.createUsersBy, identityProvider: ods.identityProvider ?? null }),
    }
  }
  const platform = settings.gooddataPlatform
  if (platform) {
    const how =
      platform.ssoProvider === undefined
        ? 'with a random password no one is shown (they set their own)'
        : `signing in through the SSO provider ${JSON.stringify(platform.ssoProvider)}`
    const note = `new users are created in the domain ${JSON.stringify(platform.domain)}, ${how}, and added to the project ${platform.project}`
    // The removal mode too: a delete under delete-account ends the account in every project, under remove-from-project it does not.
    return {
      note,
      hashed: JSON.stringify({
        domain: platform.domain,
        project: platform.project,
        ssoProvider: platform.ssoProvider ?? null,
        removal: platform.removal,
      }),
    }
  }
  return undefined
}
