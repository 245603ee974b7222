# syntax=docker/dockerfile:1
# Pandu SPBE as a container image: build with every package, run with the runtime packages only.
# scripts/check-prod-install.sh runs the same steps without Docker (CI). See docs/operations.md.

# 1. Build: server and CLI (esbuild) and the web app (vite) into dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Runtime packages only (no build or test tools).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# 3. The image: compiled code, data files, runtime packages; runs as the unprivileged user `node`.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    PANDU_DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/instruments ./instruments
COPY --from=build /app/forms ./forms
COPY --from=build /app/workflows ./workflows
COPY --from=build /app/seed ./seed
COPY --from=build /app/scripts/build.mjs /app/scripts/build-stamp.mjs ./scripts/
RUN mkdir -p /data && chown node:node /data && ln -s /app/bin/pandu.js /usr/local/bin/pandu
USER node
# The embedded database (single machine) or, with PostgreSQL and S3, only the upload staging area.
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/server/main.js"]
