#!/bin/sh
# swarmlab docker-install: docker-ce from https://download.docker.com (ubuntu focal)
set -eu

# -- prepare
export DEBIAN_FRONTEND=noninteractive
apt_update() {
  waited=0
  while ! output=$(apt-get -o DPkg::Lock::Timeout=300 update 2>&1); do
    case $output in
      *'/var/lib/apt/lists/lock'*) ;;
      *) printf '%s\n' "$output" >&2; return 1 ;;
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
if ! command -v curl >/dev/null 2>&1 || [ ! -e /etc/ssl/certs/ca-certificates.crt ]; then
  apt_update
  apt-get -o DPkg::Lock::Timeout=300 install -y ca-certificates curl
fi
install -m 0755 -d /etc/apt/keyrings
curl -fsSL https://download.docker.com/linux/ubuntu/gpg -o /etc/apt/keyrings/docker.asc.swarmlab-tmp
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
apt_update() {
  waited=0
  while ! output=$(apt-get -o DPkg::Lock::Timeout=300 update 2>&1); do
    case $output in
      *'/var/lib/apt/lists/lock'*) ;;
      *) printf '%s\n' "$output" >&2; return 1 ;;
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
systemctl enable --now docker
