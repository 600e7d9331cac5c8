import { Hono } from 'hono'
import { HomePage } from '../../views/home/home-page'
import type { AppEnv } from '../http/env'
import { shell } from '../http/shell'

export const home = new Hono<AppEnv>().get('/', (c) => c.html(<HomePage shell={shell(c)} />))
