# syntax=docker/dockerfile:1
# Souk production image. The stages mirror .ci/production-smoke.sh: build, install production
# dependencies on their own, then ship only package.json, node_modules, .build/, static/ and
# db/migrations/. Build with `docker build -t souk .`, run with
#   docker run -p 3000:3000 -v souk-data:/data souk
# and open the /setup?token=... link printed in the log on first start.

ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: all dependencies, then the esbuild bundle in .build/ ---------------------------------
FROM ${NODE_IMAGE} AS build
# Toolchain for native modules (better-sqlite3, argon2) when no prebuilt binary is available.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Lockfile first, so the dependency layer is cached until the dependencies change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- prod-deps: production dependencies only, compiled for this image --------------------------
FROM ${NODE_IMAGE} AS prod-deps
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# --- runtime: no toolchain, no dev dependencies, no sources ------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATABASE_PATH=/data/souk.sqlite \
    UPLOADS_DIR=/data/uploads
WORKDIR /app
# Same file list as the copy step of .ci/production-smoke.sh. Owned by root: the app only reads them.
COPY package.json package-lock.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/.build ./.build
COPY --from=build /app/static ./static
COPY --from=build /app/db/migrations ./db/migrations
# The one writable place: database and uploads. Created and chowned before VOLUME, so a new named
# volume starts out owned by the unprivileged user.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# The slim image has no curl; Node's fetch does the check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
CMD ["node", ".build/server.js"]
