# LondonConnects: gunicorn behind any load balancer; static files from whitenoise.
# Pango and fonts are for WeasyPrint, which makes the annual review's PDF.
FROM python:3.11-slim AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libpq-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml requirements.lock ./
# The same versions as CI and `make run` (requirements.lock), not whatever is newest today.
RUN python -m venv /venv && /venv/bin/pip install --no-cache-dir --constraint requirements.lock .

FROM python:3.11-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --uid 10001 londonconnects
# Where compose.yaml mounts the papers' and reviews' volumes (PAPERS_ROOT, REVIEWS_ROOT): a new
# named volume takes its folder's owner, so the app user can write there.
RUN mkdir -p /data/papers /data/reviews \
    && chown londonconnects:londonconnects /data/papers /data/reviews
ENV PATH="/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=londonconnects.settings \
    GUNICORN_WORKERS=4
COPY --from=build /venv /venv
WORKDIR /app
COPY --chown=londonconnects:londonconnects . .
# collectstatic needs settings but no real secret and no database.
RUN DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input
USER londonconnects
EXPOSE 8000
# Workers (GUNICORN_WORKERS) and the worker hooks come from ./gunicorn.conf.py; the access log
# is the app's own JSON line per request.
CMD ["gunicorn", "londonconnects.wsgi", "--bind", "0.0.0.0:8000"]
