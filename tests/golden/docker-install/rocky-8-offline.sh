#!/bin/sh
# swarmlab docker-install: docker-ce from 4 .rpm files uploaded from this machine
set -eu

# -- prepare
rm -rf /var/tmp/swarmlab-docker-offline
install -d -m 0755 /var/tmp/swarmlab-docker-offline

# -- copied over SFTP from this machine:
#    container-selinux-2.229.0-1.el9.noarch.rpm -> /var/tmp/swarmlab-docker-offline/container-selinux-2.229.0-1.el9.noarch.rpm
#    containerd.io-1.7.22-3.1.el9.x86_64.rpm -> /var/tmp/swarmlab-docker-offline/containerd.io-1.7.22-3.1.el9.x86_64.rpm
#    docker-ce-27.3.1-1.el9.x86_64.rpm -> /var/tmp/swarmlab-docker-offline/docker-ce-27.3.1-1.el9.x86_64.rpm
#    docker-ce-cli-27.3.1-1.el9.x86_64.rpm -> /var/tmp/swarmlab-docker-offline/docker-ce-cli-27.3.1-1.el9.x86_64.rpm

# -- install
dnf install -y --setopt=skip_if_unavailable=True --setopt=install_weak_deps=False /var/tmp/swarmlab-docker-offline/container-selinux-2.229.0-1.el9.noarch.rpm /var/tmp/swarmlab-docker-offline/containerd.io-1.7.22-3.1.el9.x86_64.rpm /var/tmp/swarmlab-docker-offline/docker-ce-27.3.1-1.el9.x86_64.rpm /var/tmp/swarmlab-docker-offline/docker-ce-cli-27.3.1-1.el9.x86_64.rpm
if ! systemctl enable --now docker; then
  echo 'docker.service did not start; the end of its journal:' >&2
  journalctl -u docker.service --no-pager -n 20 -o cat >&2 || true
  exit 1
fi
rm -rf /var/tmp/swarmlab-docker-offline
