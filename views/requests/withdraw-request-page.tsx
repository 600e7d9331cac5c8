import type { RequestDetails } from '../../src/models/request/request'
import { Button } from '../components/button'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { proposalWords } from './request-words'

/**
 * Withdrawing a request, asked once more: it cannot be opened again, and the providers who
 * proposed are told. A page rather than a script's confirm(), so it asks without JavaScript too.
 */
export function WithdrawRequestPage(props: { shell: Shell; request: RequestDetails }) {
  const { request } = props
  return (
    <SiteLayout shell={props.shell} title={`Withdraw “${request.title}”?`}>
      <h1>Withdraw “{request.title}”?</h1>
      <p>
        It closes for good: nobody can send a proposal or be hired through it any more.{' '}
        {request.proposalCount > 0
          ? `The ${proposalWords(request.proposalCount)} on it will be declined, and their providers told.`
          : 'Nobody has proposed yet.'}
      </p>
      <form method="post" action={`/requests/${request.code}/withdraw`}>
        <Button variant="danger">Withdraw the request</Button>{' '}
        <a href={`/requests/${request.code}`}>Keep it open</a>
      </form>
    </SiteLayout>
  )
}
