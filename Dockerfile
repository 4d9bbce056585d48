# One image for the API and the workers (compose.yaml picks the command).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY backend ./backend
COPY workers ./workers
COPY migrations ./migrations
RUN pip install -c constraints.txt -e . && useradd --create-home melihub
USER melihub
ENV MELIHUB_HOST=0.0.0.0 MELIHUB_PORT=8000 MELIHUB_MIGRATIONS_DIR=/app/migrations
EXPOSE 8000
CMD ["melihub", "serve"]
