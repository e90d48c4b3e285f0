set -eu
cp -p /etc/docker/daemon.json.swarmlab-backup /etc/docker/daemon.json.swarmlab-restore
mv -f /etc/docker/daemon.json.swarmlab-restore /etc/docker/daemon.json
rm -f /etc/systemd/system/docker.service.d/swarmlab-hosts.conf
systemctl daemon-reload
