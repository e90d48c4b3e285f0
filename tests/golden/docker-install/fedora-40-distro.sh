#!/bin/sh
# swarmlab docker-install: moby-engine from the distribution’s repositories (Fedora Linux 40 (Server Edition))
set -eu

# -- install
dnf makecache
dnf install -y moby-engine
if ! systemctl enable --now docker; then
  echo 'docker.service did not start; the end of its journal:' >&2
  journalctl -u docker.service --no-pager -n 20 -o cat >&2 || true
  exit 1
fi
