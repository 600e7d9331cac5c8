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

// --- Distance ------------------------------------------------------------------------------------
// Listing search (near a place) and request browsing (near a provider's store) measure the same
// way: an indexed bounding box first, then the exact distance for what is inside it.

const KM_PER_DEGREE_LATITUDE = 110.574
const KM_PER_DEGREE_LONGITUDE_AT_EQUATOR = 111.32

/** A point and how far around it, in km. */
export type Around = { latitude: number; longitude: number; radiusKm: number }

/**
 * Distance in km from the bound point (:latitude, :longitude) to the `row` alias's own columns,
 * on a flat map around the point (equirectangular): within a town, a few metres from the
 * great-circle distance, and plain arithmetic SQLite can run for every row.
 * @example `${distanceKmSql('s')} <= :radiusKm`, with aroundBindings(point) bound
 */
export function distanceKmSql(row: string): string {
  const north = `((${row}.latitude - :latitude) * ${KM_PER_DEGREE_LATITUDE})`
  const east = `((${row}.longitude - :longitude) * :kmPerDegreeLongitude)`
  return `sqrt(\n  ${north} * ${north}\n  + ${east} * ${east})`
}

/** The bounding box of aroundBindings(): what an index on (latitude, longitude) can narrow to. */
export function withinBoxSql(row: string): string {
  return `${row}.latitude BETWEEN :south AND :north AND ${row}.longitude BETWEEN :west AND :east`
}

/** The parameters distanceKmSql and withinBoxSql read. */
export function aroundBindings({ latitude, longitude, radiusKm }: Around) {
  const kmPerDegreeLongitude =
    KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * Math.max(0.01, Math.cos((latitude * Math.PI) / 180))
  return {
    latitude,
    longitude,
    radiusKm,
    kmPerDegreeLongitude,
    south: latitude - radiusKm / KM_PER_DEGREE_LATITUDE,
    north: latitude + radiusKm / KM_PER_DEGREE_LATITUDE,
    west: longitude - radiusKm / kmPerDegreeLongitude,
    east: longitude + radiusKm / kmPerDegreeLongitude,
  }
}
