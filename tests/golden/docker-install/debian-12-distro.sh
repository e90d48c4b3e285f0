#!/bin/sh
# swarmlab docker-install: docker.io from the distribution’s repositories (Debian GNU/Linux 12 (bookworm))
set -eu

# -- install
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=300 update
apt-get -o DPkg::Lock::Timeout=300 install -y docker.io
systemctl enable --now docker
