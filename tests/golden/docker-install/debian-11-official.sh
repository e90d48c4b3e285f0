#!/bin/sh
# swarmlab docker-install: docker-ce from https://download.docker.com (debian bullseye)
set -eu

# -- prepare
export DEBIAN_FRONTEND=noninteractive
if ! command -v curl >/dev/null 2>&1 || [ ! -e /etc/ssl/certs/ca-certificates.crt ]; then
  apt-get -o DPkg::Lock::Timeout=300 update
  apt-get -o DPkg::Lock::Timeout=300 install -y ca-certificates curl
fi
install -m 0755 -d /etc/apt/keyrings
curl -fsSL https://download.docker.com/linux/debian/gpg -o /etc/apt/keyrings/docker.asc.swarmlab-tmp
chmod 0644 /etc/apt/keyrings/docker.asc.swarmlab-tmp
mv -f /etc/apt/keyrings/docker.asc.swarmlab-tmp /etc/apt/keyrings/docker.asc
if [ -e /etc/apt/sources.list.d/docker.sources ]; then
  mv -f /etc/apt/sources.list.d/docker.sources /etc/apt/sources.list.d/docker.sources.swarmlab-backup
fi

# -- written over SFTP (mode 0644)
cat > /etc/apt/sources.list.d/docker.list <<'SWARMLAB_EOF'
# Written by swarmlab: Docker's docker-ce repository (https://download.docker.com).
deb [arch=amd64 signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/debian bullseye stable
SWARMLAB_EOF
chmod 0644 /etc/apt/sources.list.d/docker.list

# -- install
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=300 update
apt-get -o DPkg::Lock::Timeout=300 install -y docker-ce docker-ce-cli containerd.io
systemctl enable --now docker
