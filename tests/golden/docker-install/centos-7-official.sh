#!/bin/sh
# swarmlab docker-install: docker-ce from https://download.docker.com (centos 7)
set -eu

# -- written over SFTP (mode 0644)
cat > /etc/yum.repos.d/docker-ce.repo <<'SWARMLAB_EOF'
# Written by swarmlab: Docker's docker-ce repository (https://download.docker.com).
[docker-ce-stable]
name=Docker CE Stable - $basearch
baseurl=https://download.docker.com/linux/centos/7/$basearch/stable
enabled=1
gpgcheck=1
gpgkey=https://download.docker.com/linux/centos/gpg
SWARMLAB_EOF
chmod 0644 /etc/yum.repos.d/docker-ce.repo

# -- install
yum_wait() {
  waited=0
  while [ -e /var/run/yum.pid ] && kill -0 "$(cat /var/run/yum.pid 2>/dev/null)" 2>/dev/null; do
    if [ "$waited" -ge 300 ]; then
      echo 'another yum process still holds its lock after 300 s' >&2
      exit 1
    fi
    sleep 5
    waited=$((waited + 5))
  done
}
yum_wait
yum makecache
yum_wait
yum install -y docker-ce docker-ce-cli containerd.io
systemctl enable --now docker
