#!/bin/sh
# swarmlab docker-install: docker-ce from https://download.docker.com (ubuntu focal)
set -eu

# -- prepare
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
if ! command -v curl >/dev/null 2>&1 || [ ! -e /etc/ssl/certs/ca-certificates.crt ] || ! command -v gpg >/dev/null 2>&1; then
  apt_update
  apt-get -o DPkg::Lock::Timeout=300 install -y ca-certificates curl gpg
fi
install -m 0755 -d /etc/apt/keyrings
curl -fsSL https://download.docker.com/linux/ubuntu/gpg -o /etc/apt/keyrings/docker.asc.swarmlab-tmp
gnupg_home=$(mktemp -d)
seen=$({ gpg --homedir "$gnupg_home" --batch --with-colons --show-keys /etc/apt/keyrings/docker.asc.swarmlab-tmp 2>/dev/null || gpg --homedir "$gnupg_home" --batch --with-colons --with-fingerprint /etc/apt/keyrings/docker.asc.swarmlab-tmp 2>/dev/null; } | awk -F: '$1 == "pub" {primary = 1; next} primary && $1 == "fpr" {printf "%s%s", sep, $10; sep = " "; primary = 0}')
rm -rf "$gnupg_home"
if [ "$seen" != 9DC858229FC7DD38854AE2D88D81803C0EBFCD88 ]; then
  rm -f /etc/apt/keyrings/docker.asc.swarmlab-tmp
  printf 'swarmlab: refused the repository signing key from %s: its fingerprint is %s, but Docker publishes %s. Nothing was trusted. %s\n' https://download.docker.com/linux/ubuntu/gpg "${seen:-none (not an OpenPGP key)}" 9DC858229FC7DD38854AE2D88D81803C0EBFCD88 'Something between this host and download.docker.com (a proxy?) served another key: check the network path of this host.' >&2
  exit 1
fi
chmod 0644 /etc/apt/keyrings/docker.asc.swarmlab-tmp
mv -f /etc/apt/keyrings/docker.asc.swarmlab-tmp /etc/apt/keyrings/docker.asc
if [ -e /etc/apt/sources.list.d/docker.sources ]; then
  mv -f /etc/apt/sources.list.d/docker.sources /etc/apt/sources.list.d/docker.sources.swarmlab-backup
fi

# -- written over SFTP (mode 0644)
cat > /etc/apt/sources.list.d/docker.list <<'SWARMLAB_EOF'
# Written by swarmlab: Docker's docker-ce repository (https://download.docker.com).
deb [arch=amd64 signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/ubuntu focal stable
SWARMLAB_EOF
chmod 0644 /etc/apt/sources.list.d/docker.list

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
apt-get -o DPkg::Lock::Timeout=300 install -y docker-ce docker-ce-cli containerd.io
if ! systemctl enable --now docker; then
  echo 'docker.service did not start; the end of its journal:' >&2
  journalctl -u docker.service --no-pager -n 20 -o cat >&2 || true
  exit 1
fi
