# One image for the API (which serves the built dashboard at /) and the workers; compose.yaml and
# deploy/k8s/ pick the command. Stage 1 builds the dashboard's static export; stage 2 is the Python runtime.
FROM node:22-slim AS dashboard
ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY schema.graphql /src/schema.graphql
COPY frontend ./
RUN npm run build

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# `melihub backup` uses the pg_dump/pg_restore that the pgserver dependency ships (PostgreSQL 16, as in
# compose.yaml); another server major needs its own postgresql-client (docs/operations.md).
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY backend ./backend
COPY workers ./workers
COPY migrations ./migrations
RUN pip install -c constraints.txt -e . && useradd --create-home melihub
COPY --from=dashboard /src/frontend/out ./frontend/out
USER melihub
ENV MELIHUB_HOST=0.0.0.0 MELIHUB_PORT=8000 MELIHUB_MIGRATIONS_DIR=/app/migrations \
    MELIHUB_FRONTEND_DIR=/app/frontend/out MELIHUB_DATA_DIR=/tmp/melihub
EXPOSE 8000
CMD ["melihub", "serve"]
