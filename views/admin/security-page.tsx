import type { Site } from '../../src/models/site'
import { Button } from '../components/button'
import { Checkbox } from '../components/checkbox'
import { SiteLayout, type Shell } from '../layouts/site-layout'

type SecurityPageProps = {
  shell: Shell
  site: Pick<Site, 'requireTwoFactorForOperators' | 'requireTwoFactorForProviders'>
}

/** /admin/security — what the operator requires of members when they sign in. */
export function SecurityPage({ shell, site }: SecurityPageProps) {
  return (
    <SiteLayout shell={shell} title="Sign-in security">
      <h1>Sign-in security</h1>
      <form method="post" action="/admin/security" class="form">
        <fieldset>
          <legend>Require two-factor sign-in</legend>
          <p class="field__hint">
            Members it applies to who have not set it up are sent to set it up before they can do
            anything else.
          </p>
          <Checkbox
            label="For operators"
            name="requireTwoFactorForOperators"
            checked={site.requireTwoFactorForOperators}
          />
          <Checkbox
            label="For providers (members with a storefront)"
            name="requireTwoFactorForProviders"
            checked={site.requireTwoFactorForProviders}
          />
        </fieldset>
        <Button>Save</Button>
      </form>
    </SiteLayout>
  )
}
