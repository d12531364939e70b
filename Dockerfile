# Production image for both roles (ROLE=api or ROLE=worker). Untested here: no Docker engine
# runs on the development machines; CI exercises the same commands outside a container.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY apps ./apps
COPY libs ./libs
COPY tools ./tools
COPY tsconfig.base.json nx.json eslint.config.mjs ./
RUN npm ci --no-audit --no-fund && npx nx run @streamscope/web:build --outputStyle=static

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY --from=build /app /app
USER node
EXPOSE 4000
# ROLE selects the entry: api (HTTP + GraphQL + Bull Board) or worker (BullMQ processors).
CMD ["sh", "-c", "if [ \"$ROLE\" = worker ]; then exec node --import tsx apps/worker/src/main.ts; else exec node --import tsx apps/api/src/main.ts; fi"]
