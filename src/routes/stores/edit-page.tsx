import type { Context } from 'hono'
import { StoreEditPage, type StorePhotoErrors } from '../../../views/stores/store-edit-page'
import type { MemberEnv } from '../../http/env'
import type { FormErrors, FormValues } from '../../http/forms'
import { shell } from '../../http/shell'
import { findImage, listPortfolio } from '../../models/store-photos'
import { storeSkills, type Store } from '../../models/store'

/** Form values for an existing storefront, as the edit form shows them. */
export function storeValues(store: Store): FormValues {
  return {
    name: store.name,
    bio: store.bio,
    area: store.area,
    skills: storeSkills(store).join(', '),
    phone: store.phone,
    showPhone: store.showPhone ? 'on' : '',
    whatsapp: store.whatsapp,
    showWhatsapp: store.showWhatsapp ? 'on' : '',
    mobileMoney: store.mobileMoney,
    bankDetails: store.bankDetails,
    latitude: store.latitude?.toString() ?? '',
    longitude: store.longitude?.toString() ?? '',
  }
}

/** The edit page: the storefront's words and contacts, and its photos, with any problems. */
export function renderEdit<E extends MemberEnv>(
  c: Context<E>,
  store: Store,
  problems: { values?: FormValues; errors?: FormErrors; photoErrors?: StorePhotoErrors } = {},
) {
  return (
    <StoreEditPage
      shell={shell(c)}
      store={store}
      values={problems.values ?? storeValues(store)}
      errors={problems.errors}
      photoErrors={problems.photoErrors}
      avatar={findImage(c.var.db, store.avatarImageId)}
      cover={findImage(c.var.db, store.coverImageId)}
      portfolio={listPortfolio(c.var.db, store.id)}
    />
  )
}
