# plcbot's container: `docker build -t plcbot .`, then see compose.yaml and README "Deploying".
# Build stage: the locked dependencies (every file checked against its hash), then plcbot.
FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/plcbot
WORKDIR /src
COPY requirements/runtime.txt requirements/runtime.txt
RUN /opt/plcbot/bin/pip install --require-hashes -r requirements/runtime.txt
COPY pyproject.toml README.md ./
COPY plcbot plcbot
COPY bot bot
COPY adapters adapters
COPY storage storage
COPY prompts prompts
RUN /opt/plcbot/bin/pip install --no-deps .

# Run stage: the virtual environment only, as an unprivileged numeric user.
FROM python:3.11-slim-bookworm
ENV PATH=/opt/plcbot/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
# The operations listener answers outside the container (outside one it stays on 127.0.0.1).
ENV PLCBOT_OPERATIONS_ADDRESS=0.0.0.0
COPY --from=build /opt/plcbot /opt/plcbot
# The SQLite file (when DATABASE_URL is unset), exports and the scheduler's lock live here.
RUN mkdir -p /var/lib/plcbot && chown 10001:10001 /var/lib/plcbot && chmod 0700 /var/lib/plcbot
WORKDIR /var/lib/plcbot
VOLUME ["/var/lib/plcbot"]
USER 10001:10001
# 3000: Slack's HTTP mode (/slack/events, /slack/install, /slack/oauth_redirect).
# 9464: the operations listener (/healthz, /readyz, /metrics; [operations] in the config).
EXPOSE 3000 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9464/healthz', timeout=4)"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["plcbot"]
CMD ["run"]
