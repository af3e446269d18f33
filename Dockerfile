# wardvote production image: gunicorn serves the app, the same image runs Celery.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint needs Pango; libharfbuzz-subset0 makes it about three times faster.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock ./
RUN pip install -r requirements.lock

COPY . .
RUN DEBUG=0 SECRET_KEY=build-only-not-used-at-run-time python manage.py collectstatic --noinput \
 && DEBUG=0 SECRET_KEY=build-only-not-used-at-run-time python manage.py compilemessages --ignore=.venv \
 && useradd --system --create-home --home-dir /home/wardvote wardvote \
 && mkdir -p /data/documents && chown -R wardvote /data

# The code stays root-owned and read-only; the app writes only to the documents volume,
# /tmp (beat's schedule) and its home directory (fontconfig's cache, for WeasyPrint).
USER wardvote
ENV MEDIA_ROOT=/data/documents
EXPOSE 8000
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["web"]
