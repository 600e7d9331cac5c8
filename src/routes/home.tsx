import { Hono } from 'hono'
import { HomePage } from '../../views/home/home-page'
import type { AppEnv } from '../http/env'
import { shell } from '../http/shell'
import { listCategoryTree } from '../models/category'
import { findStoreOfMember } from '../models/store'

export const home = new Hono<AppEnv>().get('/', (c) => {
  const member = c.var.member
  return c.html(
    <HomePage
      shell={shell(c)}
      categories={listCategoryTree(c.var.db)}
      ownStore={member ? findStoreOfMember(c.var.db, member.id) : undefined}
    />,
  )
})
