#!/bin/sh
# swarmlab docker-install: docker.io from the distribution’s repositories (Ubuntu 22.04.4 LTS)
set -eu

# -- install
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=300 update
apt-get -o DPkg::Lock::Timeout=300 install -y docker.io
systemctl enable --now docker
