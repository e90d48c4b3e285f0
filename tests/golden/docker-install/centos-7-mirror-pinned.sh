#!/bin/sh
# swarmlab docker-install: docker-ce 26.1 from https://mirrors.ustc.edu.cn/docker-ce (centos 7)
set -eu

# -- prepare
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
if ! command -v curl >/dev/null 2>&1 || ! command -v gpg >/dev/null 2>&1; then
  yum_wait
  yum install -y curl gnupg2
fi
install -m 0755 -d /etc/pki/rpm-gpg
curl -fsSL https://mirrors.ustc.edu.cn/docker-ce/linux/centos/gpg -o /etc/pki/rpm-gpg/docker-ce.gpg.swarmlab-tmp
gnupg_home=$(mktemp -d)
seen=$({ gpg --homedir "$gnupg_home" --batch --with-colons --show-keys /etc/pki/rpm-gpg/docker-ce.gpg.swarmlab-tmp 2>/dev/null || gpg --homedir "$gnupg_home" --batch --with-colons --with-fingerprint /etc/pki/rpm-gpg/docker-ce.gpg.swarmlab-tmp 2>/dev/null; } | awk -F: '$1 == "pub" {primary = 1; next} primary && $1 == "fpr" {printf "%s%s", sep, $10; sep = " "; primary = 0}')
rm -rf "$gnupg_home"
if [ "$seen" != 060A61C51B558A7F742B77AAC52FEB6B621E9F35 ]; then
  rm -f /etc/pki/rpm-gpg/docker-ce.gpg.swarmlab-tmp
  printf 'swarmlab: refused the repository signing key from %s: its fingerprint is %s, but Docker publishes %s. Nothing was trusted. %s\n' https://mirrors.ustc.edu.cn/docker-ce/linux/centos/gpg "${seen:-none (not an OpenPGP key)}" 060A61C51B558A7F742B77AAC52FEB6B621E9F35 'The mirror serves another key: set docker.mirror to another mirror (aliyun, tuna, ustc, azure) or docker.install to official.' >&2
  exit 1
fi
chmod 0644 /etc/pki/rpm-gpg/docker-ce.gpg.swarmlab-tmp
mv -f /etc/pki/rpm-gpg/docker-ce.gpg.swarmlab-tmp /etc/pki/rpm-gpg/docker-ce.gpg
rpm --import /etc/pki/rpm-gpg/docker-ce.gpg

# -- written over SFTP (mode 0644)
cat > /etc/yum.repos.d/docker-ce.repo <<'SWARMLAB_EOF'
# Written by swarmlab: Docker's docker-ce repository (https://mirrors.ustc.edu.cn/docker-ce).
[docker-ce-stable]
name=Docker CE Stable - $basearch
baseurl=https://mirrors.ustc.edu.cn/docker-ce/linux/centos/7/$basearch/stable
enabled=1
gpgcheck=1
gpgkey=file:///etc/pki/rpm-gpg/docker-ce.gpg
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
version=$(yum list --showduplicates --quiet docker-ce 2>/dev/null | prefix='docker-ce.' awk 'index($1, ENVIRON["prefix"]) == 1 {print $2}' | grep -E '^([0-9]+:)?26\.1([-~+.]|$)' | sort -V | tail -n 1)
if [ -z "$version" ]; then
  echo 'docker-ce 26.1 is not in the enabled repositories. Versions they have:' >&2
  yum list --showduplicates --quiet docker-ce 2>/dev/null | prefix='docker-ce.' awk 'index($1, ENVIRON["prefix"]) == 1 {print $2}' | sort -u | tail -n 20 >&2
  exit 1
fi
yum_wait
yum install -y "docker-ce-$version" "docker-ce-cli-$version" containerd.io
if ! systemctl enable --now docker; then
  echo 'docker.service did not start; the end of its journal:' >&2
  journalctl -u docker.service --no-pager -n 20 -o cat >&2 || true
  exit 1
fi
