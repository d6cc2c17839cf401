# syntax=docker/dockerfile:1
# The image runs the TypeScript sources through tsx (a runtime dependency), exactly like
# `npx aurora-bot` in a checkout, so data files such as the emulator's default world ship as is.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json aurora-bot.example.yaml aurora-bot.sim.yaml slack-app-manifest.yaml ./
COPY bin ./bin
COPY src ./src
COPY jobs ./jobs
USER node
EXPOSE 3000 4600
ENTRYPOINT ["node", "bin/aurora-bot.js"]
CMD ["start"]
