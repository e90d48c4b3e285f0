set -eu
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
yum remove -y docker docker-common
