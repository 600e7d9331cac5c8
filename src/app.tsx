import { Hono } from 'hono'
import { BeingSetUpPage } from '../views/errors/being-set-up-page'
import { clientAddress } from './http/address'
import { formBodyLimit } from './http/body-limit'
import { compression } from './http/compression'
import { csrfProtection } from './http/csrf'
import type { AppDeps, AppEnv } from './http/env'
import { etags } from './http/etag'
import { visitorPageCache } from './http/page-cache'
import { countListingViews } from './http/listing-views'
import { renderError, renderNotFound } from './http/errors'
import { flashes } from './http/flash'
import { RateLimitStore } from './http/rate-limit'
import { requestId } from './http/request-id'
import { requestLog } from './http/request-log'
import { securityHeaders } from './http/security-headers'
import { sessions } from './http/session'
import { shell } from './http/shell'
import { staticAssets } from './http/static-assets'
import { twoFactorRequirement } from './http/two-factor-requirement'
import { scheduleHousekeeping } from './jobs/housekeeping'
import { handleMailJobs } from './mail/sending'
import { handlePasswordResetRequests } from './jobs/password-reset'
import { handleNotificationMail } from './mail/notification-mail'
import { scheduleOrderAutoCompletion } from './jobs/order-auto-completion'
import { scheduleReviewPublication } from './jobs/review-publication'
import { scheduleBookingLapses } from './jobs/booking-lapses'
import { scheduleRequestExpiry } from './jobs/request-expiry'
import { ACTIVITY_FLUSH_INTERVAL, scheduleCounts, SEARCH_LOG_FLUSH_INTERVAL } from './jobs/counts'
import { LiveStreams } from './live/streams'
import { ListingActivity } from './models/listing-activity'
import { SearchLog } from './models/search-log'
import { logSearches } from './http/search-log'
import { findSite } from './models/site'
import { account } from './routes/account'
import { accountTwoFactor } from './routes/account/two-factor'
import { adminSecurity } from './routes/admin/security'
import { adminOutbox } from './routes/admin/outbox'
import { adminReviews } from './routes/admin/reviews'
import { reviewReply } from './routes/reviews/reply'
import { reviewReport } from './routes/reviews/report'
import { reviewVote } from './routes/reviews/vote'
import { cart } from './routes/cart'
import { categoryPages } from './routes/categories'
import { checkout } from './routes/checkout'
import { conversationPages } from './routes/conversations'
import { conversationMessages } from './routes/conversations/messages'
import { conversationRead } from './routes/conversations/read'
import { conversationSafety } from './routes/conversations/safety'
import { conversationTyping } from './routes/conversations/typing'
import { couponPages } from './routes/coupons'
import { couponRetirement } from './routes/coupons/retirement'
import { disputes } from './routes/disputes'
import { favouritesPage } from './routes/favourites'
import { liveEvents } from './routes/events'
import { notificationPages } from './routes/notifications'
import { health } from './routes/health'
import { home } from './routes/home'
import { listingManagement, listingPages } from './routes/listings'
import { listingBooking } from './routes/listings/booking'
import { listingFavourite } from './routes/listings/favourite'
import { listingArchival, listingPublication } from './routes/listings/publication'
import { listingPhotoRoutes } from './routes/listings/photos'
import { listingQuickEdit } from './routes/listings/quick-edit'
import { memberPages } from './routes/members'
import { ORDER, orderPages } from './routes/orders'
import { requestPages } from './routes/requests'
import { orderPayment } from './routes/orders/payment'
import { orderReview } from './routes/orders/review'
import { orderSteps } from './routes/orders/steps'
import { bookingReschedule } from './routes/orders/reschedule'
import { requestBrowse } from './routes/requests/browse'
import { sales } from './routes/sales'
import { search } from './routes/search'
import { setup } from './routes/setup'
import { passwordReset } from './routes/password-reset'
import { signIn, signOut } from './routes/session'
import { signUp } from './routes/sign-up'
import { emailVerification } from './routes/email-verification'
import { unsubscribe } from './routes/unsubscribe'
import { uploads } from './routes/uploads'
import { storeManagement, storePages } from './routes/stores'
import { storePhotos } from './routes/stores/photos'
import { storeBalancePages } from './routes/stores/balance'
import { storeHoursPages } from './routes/stores/hours'
import { storeAgendaPages } from './routes/stores/agenda'
import { bookingCalendarFile } from './routes/orders/booking-calendar'
import { calendarFeeds } from './routes/calendar'

/** A listing by id: the base of its nested resources. */
const LISTING = '/listings/:id{[0-9]+}'

/** A published review by id: the base of what readers do with it (vote, reply, report). */
const REVIEW = '/reviews/:reviewId{[0-9]+}'

/** A conversation by id: the base of its nested resources. */
const CONVERSATION = '/conversations/:code{[A-Z0-9]{10}}'

/** Paths that work before first-run setup is done. */
const OPEN_BEFORE_SETUP = new Set(['/setup', '/healthz', '/readyz'])

/** Builds the whole web app from its dependencies; server.ts and the tests both call this. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const rateLimits = new RateLimitStore()
  const streams = new LiveStreams()
  const activity = new ListingActivity(deps.db, deps.clock)
  const searches = new SearchLog(deps.db, deps.clock)
  scheduleHousekeeping(deps)
  handleMailJobs(deps)
  handlePasswordResetRequests(deps)
  handleNotificationMail(deps)
  scheduleOrderAutoCompletion(deps)
  scheduleReviewPublication(deps)
  scheduleBookingLapses(deps)
  scheduleRequestExpiry(deps)
  scheduleCounts(deps, 'listing-activity', ACTIVITY_FLUSH_INTERVAL, activity)
  scheduleCounts(deps, 'search-log', SEARCH_LOG_FLUSH_INTERVAL, searches)

  const { db, clock, config, logger, assets, jobs, bus, signal } = deps
  // Probes every few seconds: answered before any middleware (see routes/health.ts).
  app.route('/', health(deps))
  // Every middleware below runs on every request: each is kept to what it must do, reads
  // variables with c.get() (c.var copies them all on each access) and never waits for a body.
  app.use(async (c, next) => {
    c.set('db', db)
    c.set('clock', clock)
    c.set('config', config)
    c.set('logger', logger)
    c.set('assets', assets)
    c.set('jobs', jobs)
    c.set('bus', bus)
    c.set('signal', signal)
    c.set('rateLimits', rateLimits)
    c.set('activity', activity)
    c.set('streams', streams)
    return next()
  })
  app.use(requestId())
  app.use(requestLog())
  app.use(securityHeaders({ hsts: deps.config.secureCookies }))
  // Answered from memory or disk as they are.
  app.use(staticAssets())
  app.route('/uploads', uploads)
  // Before the page cache, so that visitors answered from memory are counted too.
  app.use(countListingViews(activity))
  app.use(logSearches(searches))
  // Pages: kept for visitors, compressed and tagged once complete; streams pass through.
  app.use(visitorPageCache({ clock }))
  app.use(compression())
  app.use(etags())
  app.use(clientAddress())
  app.use(async (c, next) => {
    c.set('site', findSite(db))
    return next()
  })
  app.use(sessions())
  app.use(flashes())
  app.use(async (c, next) => {
    if (c.get('site') || OPEN_BEFORE_SETUP.has(c.req.path)) return next()
    c.header('Retry-After', '600')
    return c.html(<BeingSetUpPage shell={shell(c)} />, 503)
  })
  app.use(csrfProtection())
  app.use(formBodyLimit())
  app.use(twoFactorRequirement())

  app.route('/', home)
  app.route('/search', search)
  app.route('/categories', categoryPages)
  app.route('/setup', setup)
  app.route('/sign-up', signUp)
  app.route('/sign-in', signIn)
  app.route('/password-reset', passwordReset)
  app.route('/sign-out', signOut)
  app.route('/verify-email', emailVerification)
  app.route('/account/two-factor', accountTwoFactor)
  app.route('/account', account)
  app.route('/unsubscribe', unsubscribe)
  app.route('/favourites', favouritesPage)
  app.route('/events', liveEvents())
  app.route('/notifications', notificationPages)
  app.route(`${CONVERSATION}/messages`, conversationMessages)
  app.route(`${CONVERSATION}/read`, conversationRead)
  app.route(`${CONVERSATION}/typing`, conversationTyping)
  app.route(CONVERSATION, conversationSafety)
  app.route('/conversations', conversationPages)
  app.route('/cart', cart)
  app.route('/checkout', checkout)
  app.route(`/orders${ORDER}/steps`, orderSteps)
  app.route(`/orders${ORDER}/reschedule`, bookingReschedule)
  app.route(`/orders${ORDER}/payment`, orderPayment)
  app.route(`/orders${ORDER}/review`, orderReview)
  app.route(`/orders${ORDER}/booking.ics`, bookingCalendarFile)
  app.route('/requests', requestBrowse)
  app.route('/requests', requestPages)
  app.route('/orders', orderPages)
  app.route('/sales', sales)
  app.route('/members', memberPages)
  app.route('/disputes', disputes)
  app.route('/admin/security', adminSecurity)
  app.route('/admin/outbox', adminOutbox)
  app.route('/admin/reviews', adminReviews)
  app.route(`${REVIEW}/vote`, reviewVote)
  app.route(`${REVIEW}/reply`, reviewReply)
  app.route(`${REVIEW}/report`, reviewReport)
  app.route('/coupons/:id{[0-9]+}/retirement', couponRetirement)
  app.route('/coupons', couponPages)
  // Read by calendar apps, which have no session: the token in the address is the key.
  app.route('/calendar', calendarFeeds)
  // Nested resources are mounted at their own paths, so no two mounts answer one address. The
  // one overlap left is /stores/new against /stores/:slug: management comes first, and no
  // storefront may take the slug "new" anyway (uniqueStoreSlug).
  app.route('/stores/:slug', storePhotos)
  app.route('/stores/:slug', storeBalancePages)
  app.route('/stores/:slug', storeHoursPages)
  app.route('/stores/:slug', storeAgendaPages)
  app.route('/stores', storeManagement)
  app.route('/stores', storePages)
  app.route(`${LISTING}/publication`, listingPublication)
  app.route(`${LISTING}/archival`, listingArchival)
  app.route(`${LISTING}/quick-edit`, listingQuickEdit)
  app.route(`${LISTING}/photos`, listingPhotoRoutes)
  app.route(`${LISTING}/favourite`, listingFavourite)
  app.route('/listings', listingManagement)
  app.route('/listings', listingPages)
  app.route('/listings', listingBooking)

  app.notFound(renderNotFound)
  app.onError(renderError)
  return app
}
