#!/bin/sh
# swarmlab docker-install: docker-ce from https://mirrors.aliyun.com/docker-ce (centos 9)
set -eu

# -- written over SFTP (mode 0644)
cat > /etc/yum.repos.d/docker-ce.repo <<'SWARMLAB_EOF'
# Written by swarmlab: Docker's docker-ce repository (https://mirrors.aliyun.com/docker-ce).
[docker-ce-stable]
name=Docker CE Stable - $basearch
baseurl=https://mirrors.aliyun.com/docker-ce/linux/centos/9/$basearch/stable
enabled=1
gpgcheck=1
gpgkey=https://mirrors.aliyun.com/docker-ce/linux/centos/gpg
SWARMLAB_EOF
chmod 0644 /etc/yum.repos.d/docker-ce.repo

# -- install
dnf makecache
dnf install -y docker-ce docker-ce-cli containerd.io
systemctl enable --now docker
