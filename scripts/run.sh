#!/usr/bin/env bash
# Serve the platform on 127.0.0.1:$PORT with Django's development server, and print the address and the demo
# logins once the server answers — after its start-up lines, so the banner is the last thing on the screen
# when the first page can be opened. The server runs in the foreground (Ctrl-C stops it); a small watcher in
# the background waits for the port to accept connections, prints the banner once and exits. It gives up
# quietly if the server stops first or has not answered after a minute.
set -euo pipefail
PY=${PY:-.venv/bin/python}
PORT=${PORT:-8000}
HOST=127.0.0.1

banner() {
  cat <<BANNER

  ┌──────────────────────────────────────────────────────────────────────┐
    SMP platform is ready:  http://${HOST}:${PORT}/
    Demo logins: official, official2, reviewer, partner
    Password for each:  demo-password      (docs/demo-data.md)
    Stop the server with Ctrl-C.
  └──────────────────────────────────────────────────────────────────────┘

BANNER
}

port_open() { (exec 3<>"/dev/tcp/${HOST}/${PORT}") 2>/dev/null; }

if port_open; then
  echo "run: something already answers on ${HOST}:${PORT}; choose another port, e.g. make run PORT=8001" >&2
  exit 1
fi

server_pid=$$  # `exec` below keeps this process id for the server
(
  for _ in $(seq 1 240); do
    kill -0 "$server_pid" 2>/dev/null || exit 0
    if port_open; then
      sleep 0.3  # let the server finish its own start-up lines first
      banner
      exit 0
    fi
    sleep 0.25
  done
) &
exec "$PY" manage.py runserver "${HOST}:${PORT}"
