// A buyer looking at their request sees proposals come, change and go in place: the proposals
// section is rendered afresh for them (as the page would draw it) and swapped by its id. Anyone
// else's page, or the buyer's other pages, are sent nothing.
import { ProposalsSection } from '../../views/requests/request-page'
import { proposalsToCompare } from '../models/request/proposal'
import { findRequestFor, REQUEST_CHANGED } from '../models/request/request'
import type { FragmentRenderer } from './fragment'

const requestChanged: FragmentRenderer = ({ db, clock, member, page, site }, event) => {
  const code = String(event.data.code ?? '')
  if (page !== `request:${code}`) return null
  const request = findRequestFor(db, member, code, clock.now())
  if (!request || request.buyerId !== member.id) return null
  return (
    <ProposalsSection
      request={request}
      proposals={proposalsToCompare(db, request)}
      // A stream has no address of its own: the Message buttons only need to know who looks.
      viewer={{ member, returnTo: `/requests/${code}`, locale: site.locale }}
      currency={site.currency}
      outOfBand
    />
  )
}

export const requestRenderers: Record<string, FragmentRenderer> = {
  [REQUEST_CHANGED]: requestChanged,
}
