# Tollgate as a container: the package built by npm pack, installed on Node 20.
#   docker build -t tollgate:0.1.0 .
#   docker run --rm tollgate:0.1.0 --version
# Server mode with PostgreSQL, the API and workers: compose.yaml (docs/containers.md).

FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
# prepare builds dist/ (API types, server, dashboard) before packing.
RUN npm pack --pack-destination /tmp && mv /tmp/tollgate-*.tgz /tmp/tollgate.tgz

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    TOLLGATE_UPLOAD_DIR=/var/lib/tollgate/uploads
COPY --from=build /tmp/tollgate.tgz /tmp/tollgate.tgz
RUN npm install --global --omit=dev --no-audit --no-fund /tmp/tollgate.tgz \
    && rm /tmp/tollgate.tgz \
    && mkdir -p /var/lib/tollgate/uploads && chown -R node:node /var/lib/tollgate
USER node
WORKDIR /var/lib/tollgate
EXPOSE 4100
ENTRYPOINT ["tollgate"]
CMD ["serve", "--host", "0.0.0.0", "--port", "4100"]
