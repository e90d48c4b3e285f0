set +e
LC_ALL=C
export LC_ALL
# shellcheck disable=SC2016 # dpkg-query expands ${…} itself
dpkg-query -W -f='pkg ${db:Status-Abbrev} ${Package} ${Version}\n' containerd containerd.io docker-ce docker-ce-cli docker-compose docker-compose-v2 docker-doc docker-engine docker.io moby-engine podman-docker runc 2>/dev/null
echo "dockerd=$(command -v dockerd 2>/dev/null)"
echo "binary=$(dockerd --version 2>/dev/null)"
echo "server=$(docker version --format '{{.Server.Version}}' 2>/dev/null)"
echo "active=$(systemctl is-active docker 2>/dev/null)"
exit 0
