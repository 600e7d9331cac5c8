import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import type { ContextCard, Party } from '../../src/models/conversation'
import { MESSAGE_MAX } from '../../src/models/conversation/messages'
import { Button } from '../components/button'
import { EmptyState } from '../components/empty-state'
import { TextArea } from '../components/text-area'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { ContextCardView, TopicFields } from './conversation-page'

type NewConversationPageProps = {
  shell: Shell
  to: Party
  context: ContextCard
  /** The checked context, carried to POST /conversations in hidden fields. */
  listingId: number | null
  orderCode: string | null
  requestCode: string | null
  values?: FormValues
  errors?: Errors
}

/** The first message to someone: what it is about, and the box. The conversation starts with it. */
export function NewConversationPage(props: NewConversationPageProps) {
  const { shell, to, context, values = {}, errors = {} } = props
  return (
    <SiteLayout shell={shell} title={`Message ${to.name}`}>
      <h1>Message {to.name}</h1>
      <ContextCardView context={context} />
      <form method="post" action="/conversations">
        <input type="hidden" name="to" value={String(to.id)} />
        <TopicFields
          listingId={props.listingId}
          orderCode={props.orderCode}
          requestCode={props.requestCode}
        />
        {errors.form ? (
          <p class="field__error" role="alert">
            {errors.form}
          </p>
        ) : null}
        <TextArea
          label="Message"
          name="body"
          rows={4}
          maxlength={MESSAGE_MAX}
          value={values.body}
          error={errors.body}
          required
        />
        <Button>Send</Button>
      </form>
    </SiteLayout>
  )
}

/** Why no message can be written here: yourself, nobody, or a block. */
export function CannotMessagePage({ shell, message }: { shell: Shell; message: string }) {
  return (
    <SiteLayout shell={shell} title="Cannot send a message">
      <h1>Cannot send a message</h1>
      <EmptyState title={message}>
        <p>
          <a href="/conversations">Back to your messages</a>
        </p>
      </EmptyState>
    </SiteLayout>
  )
}
