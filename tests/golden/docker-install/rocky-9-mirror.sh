#!/bin/sh
# swarmlab docker-install: docker-ce from https://mirrors.aliyun.com/docker-ce (centos 9)
set -eu

# -- prepare
if ! command -v curl >/dev/null 2>&1 || ! command -v gpg >/dev/null 2>&1; then
  dnf install -y curl gnupg2
fi
install -m 0755 -d /etc/pki/rpm-gpg
curl -fsSL https://mirrors.aliyun.com/docker-ce/linux/centos/gpg -o /etc/pki/rpm-gpg/docker-ce.gpg.swarmlab-tmp
gnupg_home=$(mktemp -d)
seen=$({ gpg --homedir "$gnupg_home" --batch --with-colons --show-keys /etc/pki/rpm-gpg/docker-ce.gpg.swarmlab-tmp 2>/dev/null || gpg --homedir "$gnupg_home" --batch --with-colons --with-fingerprint /etc/pki/rpm-gpg/docker-ce.gpg.swarmlab-tmp 2>/dev/null; } | awk -F: '$1 == "pub" {primary = 1; next} primary && $1 == "fpr" {printf "%s%s", sep, $10; sep = " "; primary = 0}')
rm -rf "$gnupg_home"
if [ "$seen" != 060A61C51B558A7F742B77AAC52FEB6B621E9F35 ]; then
  rm -f /etc/pki/rpm-gpg/docker-ce.gpg.swarmlab-tmp
  printf 'swarmlab: refused the repository signing key from %s: its fingerprint is %s, but Docker publishes %s. Nothing was trusted. %s\n' https://mirrors.aliyun.com/docker-ce/linux/centos/gpg "${seen:-none (not an OpenPGP key)}" 060A61C51B558A7F742B77AAC52FEB6B621E9F35 'The mirror serves another key: set docker.mirror to another mirror (aliyun, tuna, ustc, azure) or docker.install to official.' >&2
  exit 1
fi
chmod 0644 /etc/pki/rpm-gpg/docker-ce.gpg.swarmlab-tmp
mv -f /etc/pki/rpm-gpg/docker-ce.gpg.swarmlab-tmp /etc/pki/rpm-gpg/docker-ce.gpg
rpm --import /etc/pki/rpm-gpg/docker-ce.gpg

# -- written over SFTP (mode 0644)
cat > /etc/yum.repos.d/docker-ce.repo <<'SWARMLAB_EOF'
# Written by swarmlab: Docker's docker-ce repository (https://mirrors.aliyun.com/docker-ce).
[docker-ce-stable]
name=Docker CE Stable - $basearch
baseurl=https://mirrors.aliyun.com/docker-ce/linux/centos/9/$basearch/stable
enabled=1
gpgcheck=1
gpgkey=file:///etc/pki/rpm-gpg/docker-ce.gpg
SWARMLAB_EOF
chmod 0644 /etc/yum.repos.d/docker-ce.repo

# -- install
dnf makecache
dnf install -y docker-ce docker-ce-cli containerd.io
if ! systemctl enable --now docker; then
  echo 'docker.service did not start; the end of its journal:' >&2
  journalctl -u docker.service --no-pager -n 20 -o cat >&2 || true
  exit 1
fi
