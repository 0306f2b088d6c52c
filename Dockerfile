# syntax=docker/dockerfile:1
# Production image: the bundled server, production dependencies only, running as the unprivileged
# `node` user. Build: docker build -t pehchan .   Run with compose.yaml (PostgreSQL 15 + Redis).
ARG NODE_VERSION=22

# 1. Bundle the TypeScript with esbuild and build the web apps with Vite (dev dependencies).
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY scripts/build.mjs scripts/build-web.mjs scripts/
COPY src src
COPY web web
COPY openapi openapi
RUN npm run build

# 2. Production dependencies alone, in a stage of their own so the compiler never reaches the image.
FROM node:${NODE_VERSION}-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. The runtime: root owns the code (the process cannot rewrite it); `node` owns only DATA_DIR.
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8081 \
    DATA_DIR=/app/data \
    MALLOC_ARENA_MAX=2
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=dependencies /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build /app/web/onboard/dist web/onboard/dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8081
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8081)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node as PID 1 receives SIGTERM directly: in-flight requests finish, jobs drain, exit 0. The heap
# budget is npm start's: with it V8 collects before the heap grows to several times the live data.
CMD ["node", "--max-old-space-size=512", "dist/server.js"]
