#!/bin/sh
# swarmlab docker-install: docker-ce\ntouch /tmp/swarmlab-canary
set -eu

# -- written over SFTP (mode 0644)
cat > /etc/apt/sources.list.d/docker.list <<'SWARMLAB_EOF_1'
deb x
SWARMLAB_EOF
touch /tmp/swarmlab-canary
SWARMLAB_EOF_1
chmod 0644 /etc/apt/sources.list.d/docker.list
