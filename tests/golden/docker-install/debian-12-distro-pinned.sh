#!/bin/sh
# swarmlab docker-install: docker.io 20.10 from the distribution’s repositories (Debian GNU/Linux 12 (bookworm))
set -eu

# -- install
export DEBIAN_FRONTEND=noninteractive
apt_sources_of() {
  printf '%s\n' "$1" | sed -n \
    -e "s/.*[Rr]epository '\([a-z0-9+]*:\/\/[^ ']*\).*/\1/p" \
    -e 's/.*Failed to fetch \([a-z0-9+]*:\/\/[^ ]*\)\/dists\/.*/\1/p' |
    sort -u | while IFS= read -r url; do
      grep -lsF -- "$url" /etc/apt/sources.list /etc/apt/sources.list.d/* |
        while IFS= read -r file; do printf 'swarmlab-apt-source: %s %s\n' "$url" "$file"; done
    done
}
apt_update() {
  waited=0
  while ! output=$(apt-get -o DPkg::Lock::Timeout=300 update 2>&1); do
    case $output in
      *'/var/lib/apt/lists/lock'*) ;;
      *) printf '%s\n' "$output" >&2; apt_sources_of "$output" >&2; return 1 ;;
    esac
    if [ "$waited" -ge 300 ]; then
      printf '%s\n' "$output" >&2
      echo 'another apt process still holds /var/lib/apt/lists/lock after 300 s' >&2
      return 1
    fi
    sleep 5
    waited=$((waited + 5))
  done
  printf '%s\n' "$output"
}
apt_update
version=$(apt-cache madison docker.io | awk '{print $3}' | grep -E '^([0-9]+:)?20\.10([-~+.]|$)' | head -n 1)
if [ -z "$version" ]; then
  echo 'docker.io 20.10 is not in the enabled repositories. Versions they have:' >&2
  apt-cache madison docker.io | awk '{print $3}' | sort -u | tail -n 20 >&2
  exit 1
fi
apt-get -o DPkg::Lock::Timeout=300 install -y --allow-downgrades "docker.io=$version"
if ! systemctl enable --now docker; then
  echo 'docker.service did not start; the end of its journal:' >&2
  journalctl -u docker.service --no-pager -n 20 -o cat >&2 || true
  exit 1
fi
