#!/bin/sh
# One image, three roles (docker-compose.yml): web (migrate, then gunicorn), worker, beat.
# Anything else is run as given: `docker compose run --rm web python manage.py createsuperuser`.
set -e
case "$1" in
  web)
    python manage.py migrate --noinput
    exec gunicorn wardvote.wsgi:application --bind 0.0.0.0:8000 --workers "${GUNICORN_WORKERS:-3}" \
      --access-logfile - --forwarded-allow-ips "${TRUSTED_PROXIES:-127.0.0.1}"
    ;;
  worker)
    # Named after $HOSTNAME so that the health check pings exactly this node.
    exec celery -A wardvote worker --loglevel INFO --concurrency "${CELERY_CONCURRENCY:-2}" \
      --hostname "celery@${HOSTNAME:-%h}"
    ;;
  beat)
    exec celery -A wardvote beat --loglevel INFO --schedule /tmp/celerybeat-schedule
    ;;
  *)
    exec "$@"
    ;;
esac
