#!/bin/sh
# swarmlab docker-install: moby-engine from the distribution’s repositories (Fedora Linux 40 (Server Edition))
set -eu

# -- install
dnf makecache
dnf install -y moby-engine
systemctl enable --now docker
