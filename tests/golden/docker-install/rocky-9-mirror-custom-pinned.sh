#!/bin/sh
# swarmlab docker-install: docker-ce 3:27.3.1-1.el9 from https://mirror.example.com/docker-ce (centos 9)
set -eu

# -- written over SFTP (mode 0644)
cat > /etc/yum.repos.d/docker-ce.repo <<'SWARMLAB_EOF'
# Written by swarmlab: Docker's docker-ce repository (https://mirror.example.com/docker-ce).
[docker-ce-stable]
name=Docker CE Stable - $basearch
baseurl=https://mirror.example.com/docker-ce/linux/centos/9/$basearch/stable
enabled=1
gpgcheck=1
gpgkey=https://mirror.example.com/docker-ce/linux/centos/gpg
SWARMLAB_EOF
chmod 0644 /etc/yum.repos.d/docker-ce.repo

# -- install
dnf makecache
version=$(dnf list --showduplicates --quiet docker-ce 2>/dev/null | awk -v p=docker-ce. 'index($1, p) == 1 {print $2}' | grep -E '^([0-9]+:)?3:27\.3\.1-1\.el9([-~+.]|$)' | sort -V | tail -n 1)
if [ -z "$version" ]; then
  echo 'docker-ce 3:27.3.1-1.el9 is not in the enabled repositories. Versions they have:' >&2
  dnf list --showduplicates --quiet docker-ce 2>/dev/null | awk -v p=docker-ce. 'index($1, p) == 1 {print $2}' | sort -u | tail -n 20 >&2
  exit 1
fi
dnf install -y "docker-ce-$version" "docker-ce-cli-$version" containerd.io
systemctl enable --now docker
