#!/bin/sh
# swarmlab docker-install: docker-ce from https://mirror.azure.cn/docker-ce (centos 8)
set -eu

# -- written over SFTP (mode 0644)
cat > /etc/yum.repos.d/docker-ce.repo <<'SWARMLAB_EOF'
# Written by swarmlab: Docker's docker-ce repository (https://mirror.azure.cn/docker-ce).
[docker-ce-stable]
name=Docker CE Stable - $basearch
baseurl=https://mirror.azure.cn/docker-ce/linux/centos/8/$basearch/stable
enabled=1
gpgcheck=1
gpgkey=https://mirror.azure.cn/docker-ce/linux/centos/gpg
SWARMLAB_EOF
chmod 0644 /etc/yum.repos.d/docker-ce.repo

# -- install
dnf makecache
dnf install -y docker-ce docker-ce-cli containerd.io
systemctl enable --now docker
