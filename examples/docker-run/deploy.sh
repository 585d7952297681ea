#!/usr/bin/env bash
# Deploys the shop on a single host. Deliberately insecure: try `npx dockwarden examples/docker-run/`.
set -euo pipefail

VERSION="${1:-2.4.1}"

# Install Docker if it is missing (a remote script piped into a shell, over plain HTTP).
if ! command -v docker >/dev/null 2>&1; then
  curl -fsSL http://get.docker.com | sudo sh
fi

# The reverse proxy watches the engine for new containers: it gets the Docker socket.
docker run -d --name proxy --restart unless-stopped \
  -p 80:80 -p 443:443 \
  -v /var/run/docker.sock:/var/run/docker.sock:ro \
  traefik:v3.1

# The shop itself: host network, a plaintext password, no limits.
sudo docker run -d --name shop \
  --network host \
  -e DB_PASSWORD=changeme \
  -v "$HOME/.aws:/root/.aws" \
  "registry.example.com/shop:${VERSION}"

# A maintenance container with everything turned off.
docker run --rm -it --privileged --pid=host -v /:/host alpine sh

echo "done: docker run --privileged is only in this message, not a command"
