# Tollgate as a container, in two stages:
#   1. build: every dependency, `npm run build` (API types, server, dashboard), then `npm pack`,
#      unpacked to /package — exactly the files the published package holds;
#   2. runtime: that package and the lock file on a slim Node 20, `npm ci --omit=dev` (runtime
#      packages only), run as the unprivileged `node` user.
#   docker build -t tollgate:0.1.0 .
#   docker run -d -p 4100:4100 -v tollgate-data:/var/lib/tollgate/data tollgate:0.1.0
# Server mode with PostgreSQL, the API and workers: compose.yaml (docs/containers.md).
# test/package/container-files.test.ts runs these steps without a container engine.

FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build \
    && npm pack --ignore-scripts --pack-destination /tmp \
    && mkdir /package \
    && tar -xzf /tmp/tollgate-*.tgz -C /package --strip-components=1

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    TOLLGATE_DB=/var/lib/tollgate/data/tollgate.duckdb \
    TOLLGATE_UPLOAD_DIR=/var/lib/tollgate/uploads
WORKDIR /opt/tollgate
COPY --from=build /package/ ./
COPY package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm cache clean --force \
    && ln -s /opt/tollgate/bin/tollgate.js /usr/local/bin/tollgate \
    && mkdir -p /var/lib/tollgate/data /var/lib/tollgate/uploads \
    && chown -R node:node /var/lib/tollgate
USER node
WORKDIR /var/lib/tollgate
# The embedded DuckDB file lives here (TOLLGATE_DB); server mode sets TOLLGATE_DB=postgres://...
VOLUME ["/var/lib/tollgate/data"]
EXPOSE 4100
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:4100/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["tollgate"]
CMD ["serve", "--host", "0.0.0.0", "--port", "4100"]
