# The image of one vet instance: `node dist/app.js` with only the production dependencies. Run one container (SQLite
# on a volume) or several behind a load balancer on PostgreSQL (README: "Running several instances").

# Build: all dependencies, better-sqlite3 compiled for this image's Node when no prebuilt binary fits.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts off here: `prepare` would build before the sources are copied; better-sqlite3's own install runs next.
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Run: Node, the compiled bot, the production dependencies (better-sqlite3 as built above) and the question banks.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY banks ./banks
# The default SQLite file (./data/vet.sqlite) needs a folder the bot may write; mount a volume here to keep it.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# slim has no curl: Node asks /healthz (200: database reachable and migrated; 503 while stopping).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/app.js"]
