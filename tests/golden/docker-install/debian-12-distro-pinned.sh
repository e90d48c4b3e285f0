#!/bin/sh
# swarmlab docker-install: docker.io 20.10 from the distribution’s repositories (Debian GNU/Linux 12 (bookworm))
set -eu

# -- install
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=300 update
version=$(apt-cache madison docker.io | awk '{print $3}' | grep -E '^([0-9]+:)?20\.10([-~+.]|$)' | head -n 1)
if [ -z "$version" ]; then
  echo 'docker.io 20.10 is not in the enabled repositories. Versions they have:' >&2
  apt-cache madison docker.io | awk '{print $3}' | sort -u | tail -n 20 >&2
  exit 1
fi
apt-get -o DPkg::Lock::Timeout=300 install -y --allow-downgrades "docker.io=$version"
systemctl enable --now docker
