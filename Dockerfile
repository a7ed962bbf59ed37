# Production image: gunicorn serving Django, the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Runtime dependencies only: the development lock (tests, lint, browser and contract tools) stays out.
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY . .
RUN useradd --create-home --uid 10001 smp && mkdir -p /app/var/private && chown -R smp /app/var
# collectstatic and compilemessages need settings but no secret worth keeping; hashed static files and the
# compiled French and Spanish catalogues go into the image.
RUN DEBUG=0 SECRET_KEY=build-only-not-used-at-run-time python manage.py collectstatic --noinput \
 && DEBUG=0 SECRET_KEY=build-only-not-used-at-run-time python manage.py compilemessages
USER smp
EXPOSE 8000
CMD ["gunicorn", "smp.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
