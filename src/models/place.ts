// Places a buyer can search near: the areas storefronts say they are in, each at the middle of
// the stores there that put a point on the map. No gazetteer to install or keep: a town's places
// are the ones its providers name.
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import { cachedAnswer } from './listing/search-cache'
import { statement } from './prepared'

export type Place = { name: string; latitude: number; longitude: number; stores: number }

/** The town's places with a map point, the busiest first (names as most stores write them). */
export function listPlaces(db: Db, clock: Clock): Place[] {
  return cachedAnswer(db, clock, 'places', () => readPlaces(db))
}

function readPlaces(db: Db): Place[] {
  return statement<Place>(
    db,
    `SELECT area AS name, avg(latitude) AS latitude, avg(longitude) AS longitude, count(*) AS stores
     FROM stores
     WHERE area != '' AND latitude IS NOT NULL AND longitude IS NOT NULL
     GROUP BY lower(area)
     ORDER BY stores DESC, name`,
  ).all()
}
