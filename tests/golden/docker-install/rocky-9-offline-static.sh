#!/bin/sh
# swarmlab docker-install: Docker 27.3.1 static binaries (docker-27.3.1.tgz) into /usr/local/bin
set -eu

# -- prepare
rm -rf /var/tmp/swarmlab-docker-offline
install -d -m 0755 /var/tmp/swarmlab-docker-offline

# -- copied over SFTP from this machine:
#    docker-27.3.1.tgz -> /var/tmp/swarmlab-docker-offline/docker-27.3.1.tgz

# -- written over SFTP (mode 0644)
cat > /etc/systemd/system/containerd.service <<'SWARMLAB_EOF'
# Written by swarmlab for Docker’s static binaries (install: offline).
[Unit]
Description=containerd container runtime
Documentation=https://containerd.io
After=network.target local-fs.target

[Service]
ExecStartPre=-/sbin/modprobe overlay
ExecStart=/usr/local/bin/containerd
Type=notify
Delegate=yes
KillMode=process
Restart=always
RestartSec=5
LimitNPROC=infinity
LimitCORE=infinity
TasksMax=infinity
OOMScoreAdjust=-999

[Install]
WantedBy=multi-user.target
SWARMLAB_EOF
chmod 0644 /etc/systemd/system/containerd.service

# -- written over SFTP (mode 0644)
cat > /etc/systemd/system/docker.socket <<'SWARMLAB_EOF'
# Written by swarmlab for Docker’s static binaries (install: offline).
[Unit]
Description=Docker Socket for the API

[Socket]
ListenStream=/run/docker.sock
SocketMode=0660
SocketUser=root
SocketGroup=docker

[Install]
WantedBy=sockets.target
SWARMLAB_EOF
chmod 0644 /etc/systemd/system/docker.socket

# -- written over SFTP (mode 0644)
cat > /etc/systemd/system/docker.service <<'SWARMLAB_EOF'
# Written by swarmlab for Docker’s static binaries (install: offline).
[Unit]
Description=Docker Application Container Engine
Documentation=https://docs.docker.com
After=network-online.target docker.socket firewalld.service containerd.service time-set.target
Wants=network-online.target containerd.service
Requires=docker.socket

[Service]
Type=notify
ExecStart=/usr/local/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock
ExecReload=/bin/kill -s HUP $MAINPID
TimeoutStartSec=0
RestartSec=2
Restart=always
StartLimitBurst=3
StartLimitInterval=60s
LimitNPROC=infinity
LimitCORE=infinity
TasksMax=infinity
Delegate=yes
KillMode=process
OOMScoreAdjust=-500

[Install]
WantedBy=multi-user.target
SWARMLAB_EOF
chmod 0644 /etc/systemd/system/docker.service

# -- install
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf /var/tmp/swarmlab-docker-offline/docker-27.3.1.tgz -C "$work"
for unit in docker.service docker.socket containerd.service; do
  if systemctl is-active --quiet "$unit"; then systemctl stop "$unit"; fi
done
for binary in "$work"/docker/*; do
  install -m 0755 "$binary" /usr/local/bin/
done
if ! getent group docker >/dev/null 2>&1; then groupadd --system docker; fi
systemctl daemon-reload
systemctl enable --now containerd.service docker.socket docker.service
rm -rf /var/tmp/swarmlab-docker-offline
