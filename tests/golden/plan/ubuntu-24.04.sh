# swarmlab plan: ubuntu-24.04 fixture
# What `swarmlab apply` runs on a bare host of each system, step by step (as root or
# through sudo). Steps find what is already done and skip it; secrets travel through stdin.

#### node01 (192.168.11.131) · manager · Ubuntu 24.04.1 LTS

# --- preflight: Preflight checks
# reads the host in one round trip and changes nothing

# --- preflight-cluster: Compare the hosts
# compares the facts of all hosts on this machine; sends nothing

# --- ssh-keys: SSH key login
# as root; then a login with the key alone is proven
mkdir -p "$HOME/.ssh" && chmod 700 "$HOME/.ssh"
# written over SFTP, whole and atomically (mode 0600):
cat > "$HOME/.ssh/authorized_keys" <<'SWARMLAB_EOF'
(the lines already there)
(the app’s ed25519 public key)
SWARMLAB_EOF
chmod 0600 "$HOME/.ssh/authorized_keys"

# --- package-mirrors: Package mirrors
[ ! -e /etc/apt/sources.list.d/ubuntu.sources ] || [ -e /etc/apt/sources.list.d/ubuntu.sources.swarmlab-backup ] || cp -p /etc/apt/sources.list.d/ubuntu.sources /etc/apt/sources.list.d/ubuntu.sources.swarmlab-backup
# written over SFTP, whole and atomically (mode 0644):
cat > /etc/apt/sources.list.d/ubuntu.sources <<'SWARMLAB_EOF'
# Written by swarmlab (mirror: aliyun). The file it replaced is kept with the suffix .swarmlab-backup.
Types: deb
URIs: https://mirrors.aliyun.com/ubuntu
Suites: noble noble-updates noble-backports noble-security
Components: main restricted universe multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
SWARMLAB_EOF
chmod 0644 /etc/apt/sources.list.d/ubuntu.sources
apt_sources_of() {
  printf '%s\n' "$1" | sed -n \
    -e "s/.*[Rr]epository '\([a-z0-9+]*:\/\/[^ ']*\).*/\1/p" \
    -e 's/.*Failed to fetch \([a-z0-9+]*:\/\/[^ ]*\)\/dists\/.*/\1/p' |
    sort -u | while IFS= read -r url; do
      grep -lsF -- "$url" /etc/apt/sources.list /etc/apt/sources.list.d/* |
        while IFS= read -r file; do printf 'swarmlab-apt-source: %s %s\n' "$url" "$file"; done
    done
}
apt_update() {
  waited=0
  while ! output=$(apt-get -o DPkg::Lock::Timeout=300 update 2>&1); do
    case $output in
      *'/var/lib/apt/lists/lock'*) ;;
      *) printf '%s\n' "$output" >&2; apt_sources_of "$output" >&2; return 1 ;;
    esac
    if [ "$waited" -ge 300 ]; then
      printf '%s\n' "$output" >&2
      echo 'another apt process still holds /var/lib/apt/lists/lock after 300 s' >&2
      return 1
    fi
    sleep 5
    waited=$((waited + 5))
  done
  printf '%s\n' "$output"
}
apt_update

# --- hostname: Set the hostname
install -d -m 0700 /var/lib/swarmlab/originals
if [ ! -e /var/lib/swarmlab/originals/%etc%hostname ] && [ ! -e /var/lib/swarmlab/originals/%etc%hostname.absent ]; then
  if [ -e /etc/hostname ]; then cp -p /etc/hostname /var/lib/swarmlab/originals/%etc%hostname; else : > /var/lib/swarmlab/originals/%etc%hostname.absent; fi
fi
if command -v hostnamectl >/dev/null 2>&1 && hostnamectl set-hostname node01 2>/dev/null; then :
else
  printf '%s\n' node01 > /etc/hostname && hostname node01
fi

# --- hosts-file: List the nodes in /etc/hosts
# the block is added to the host’s own /etc/hosts (or rewritten where it stands); other lines stay
# written over SFTP, whole and atomically (mode 0644):
cat > /etc/hosts <<'SWARMLAB_EOF'
# BEGIN swarmlab nodes (managed by swarmlab: this block is rewritten on every run)
192.168.11.131 node01
192.168.11.132 node02
192.168.11.133 node03
# END swarmlab nodes
SWARMLAB_EOF
chmod 0644 /etc/hosts

# --- time-sync: Time synchronisation
# only where no time service runs; a container keeps its machine’s clock instead
if ! systemctl cat systemd-timesyncd.service >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y systemd-timesyncd
fi
systemctl enable --now systemd-timesyncd.service
timedatectl set-ntp true

# --- firewall: Firewall
# no firewall is active: nothing to open

# --- docker-install: Install Docker
# docker-ce from https://mirrors.aliyun.com/docker-ce (ubuntu noble)
set -eu
export DEBIAN_FRONTEND=noninteractive
# apt_sources_of() is defined above
if ! command -v curl >/dev/null 2>&1 || [ ! -e /etc/ssl/certs/ca-certificates.crt ] || ! command -v gpg >/dev/null 2>&1; then
  apt_update
  apt-get -o DPkg::Lock::Timeout=300 install -y ca-certificates curl gpg
fi
install -m 0755 -d /etc/apt/keyrings
curl -fsSL https://mirrors.aliyun.com/docker-ce/linux/ubuntu/gpg -o /etc/apt/keyrings/docker.asc.swarmlab-tmp
gnupg_home=$(mktemp -d)
seen=$({ gpg --homedir "$gnupg_home" --batch --with-colons --show-keys /etc/apt/keyrings/docker.asc.swarmlab-tmp 2>/dev/null || gpg --homedir "$gnupg_home" --batch --with-colons --with-fingerprint /etc/apt/keyrings/docker.asc.swarmlab-tmp 2>/dev/null; } | awk -F: '$1 == "pub" {primary = 1; next} primary && $1 == "fpr" {printf "%s%s", sep, $10; sep = " "; primary = 0}')
rm -rf "$gnupg_home"
if [ "$seen" != 9DC858229FC7DD38854AE2D88D81803C0EBFCD88 ]; then
  rm -f /etc/apt/keyrings/docker.asc.swarmlab-tmp
  printf 'swarmlab: refused the repository signing key from %s: its fingerprint is %s, but Docker publishes %s. Nothing was trusted. %s\n' https://mirrors.aliyun.com/docker-ce/linux/ubuntu/gpg "${seen:-none (not an OpenPGP key)}" 9DC858229FC7DD38854AE2D88D81803C0EBFCD88 'The mirror serves another key: set docker.mirror to another mirror (aliyun, tuna, ustc, azure) or docker.install to official.' >&2
  exit 1
fi
chmod 0644 /etc/apt/keyrings/docker.asc.swarmlab-tmp
mv -f /etc/apt/keyrings/docker.asc.swarmlab-tmp /etc/apt/keyrings/docker.asc
if [ -e /etc/apt/sources.list.d/docker.sources ]; then
  mv -f /etc/apt/sources.list.d/docker.sources /etc/apt/sources.list.d/docker.sources.swarmlab-backup
fi
# written over SFTP, whole and atomically (mode 0644):
cat > /etc/apt/sources.list.d/docker.list <<'SWARMLAB_EOF'
# Written by swarmlab: Docker's docker-ce repository (https://mirrors.aliyun.com/docker-ce).
deb [arch=amd64 signed-by=/etc/apt/keyrings/docker.asc] https://mirrors.aliyun.com/docker-ce/linux/ubuntu noble stable
SWARMLAB_EOF
chmod 0644 /etc/apt/sources.list.d/docker.list
set -eu
export DEBIAN_FRONTEND=noninteractive
# apt_sources_of() is defined above
apt_update
apt-get -o DPkg::Lock::Timeout=300 install -y docker-ce docker-ce-cli containerd.io
if ! systemctl enable --now docker; then
  echo 'docker.service did not start; the end of its journal:' >&2
  journalctl -u docker.service --no-pager -n 20 -o cat >&2 || true
  exit 1
fi

# --- docker-daemon: Docker daemon settings
# merged key by key with what the host’s daemon.json already holds; the old file is backed up and restored by itself if Docker does not come back
install -d -m 0755 "$(dirname /etc/docker/daemon.json)"
install -d -m 0700 /var/lib/swarmlab/originals
if [ ! -e /var/lib/swarmlab/originals/%etc%docker%daemon.json ] && [ ! -e /var/lib/swarmlab/originals/%etc%docker%daemon.json.absent ]; then
  if [ -e /etc/docker/daemon.json ]; then cp -p /etc/docker/daemon.json /var/lib/swarmlab/originals/%etc%docker%daemon.json; else : > /var/lib/swarmlab/originals/%etc%docker%daemon.json.absent; fi
fi
# Docker 23.0 and later: the new content is checked first, written as /etc/docker/daemon.json.swarmlab-new
dockerd --validate --config-file /etc/docker/daemon.json.swarmlab-new; rm -f /etc/docker/daemon.json.swarmlab-new
# written over SFTP, whole and atomically (mode 0644):
cat > /etc/docker/daemon.json <<'SWARMLAB_EOF'
{
  "log-driver": "json-file",
  "log-opts": {
    "max-size": "10m"
  },
  "registry-mirrors": [
    "https://registry.example.com"
  ]
}
SWARMLAB_EOF
chmod 0644 /etc/docker/daemon.json
set -u
systemctl reset-failed docker.service 2>/dev/null || true
if ! systemctl restart docker.service; then
  echo restart=failed
  echo answered=no
  exit 1
fi
i=0
while [ "$i" -lt 60 ]; do
  if docker info >/dev/null 2>&1; then echo answered=yes; exit 0; fi
  sleep 1
  i=$((i + 1))
done
echo answered=no
exit 1

# --- swarm-init: Create the swarm
docker swarm init --advertise-addr 192.168.11.131

# --- overlay-network: Overlay network
# an existing network of that name must match instead
docker network create --driver overlay --subnet 10.10.0.0/24 --attachable app-net

# --- verify-swarm: Verify the swarm
# then fetches every task across app-net from a task on this node, and by service name to see requests balanced (virtual IP and routing mesh)
docker service create --detach --name swarmlab-verify --hostname '{{.Node.Hostname}}-{{.Task.Slot}}' --network app-net --replicas 3 --replicas-max-per-node 1 --endpoint-mode vip --publish mode=host,published=18080,target=80 --publish published=18081,target=80 --stop-signal KILL --no-resolve-image swarmlab/busybox:1 sh -c 'mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 80 -h /www'
docker service create --detach --name swarmlab-verify-pinned --hostname '{{.Node.Hostname}}-{{.Task.Slot}}' --network app-net --replicas 1 --constraint node.hostname==node03 --endpoint-mode dnsrr --stop-signal KILL --no-resolve-image swarmlab/busybox:1 sh -c 'mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 80 -h /www'
docker service rm swarmlab-verify swarmlab-verify-pinned

#### node02 (192.168.11.132) · worker · Ubuntu 24.04.1 LTS

# --- preflight: Preflight checks
# reads the host in one round trip and changes nothing

# --- preflight-cluster: Compare the hosts
# compares the facts of all hosts on this machine; sends nothing

# --- ssh-keys: SSH key login
# as root; then a login with the key alone is proven
mkdir -p "$HOME/.ssh" && chmod 700 "$HOME/.ssh"
# written over SFTP, whole and atomically (mode 0600):
cat > "$HOME/.ssh/authorized_keys" <<'SWARMLAB_EOF'
(the lines already there)
(the app’s ed25519 public key)
SWARMLAB_EOF
chmod 0600 "$HOME/.ssh/authorized_keys"

# --- package-mirrors: Package mirrors
[ ! -e /etc/apt/sources.list.d/ubuntu.sources ] || [ -e /etc/apt/sources.list.d/ubuntu.sources.swarmlab-backup ] || cp -p /etc/apt/sources.list.d/ubuntu.sources /etc/apt/sources.list.d/ubuntu.sources.swarmlab-backup
# written over SFTP, whole and atomically (mode 0644):
cat > /etc/apt/sources.list.d/ubuntu.sources <<'SWARMLAB_EOF'
# Written by swarmlab (mirror: aliyun). The file it replaced is kept with the suffix .swarmlab-backup.
Types: deb
URIs: https://mirrors.aliyun.com/ubuntu
Suites: noble noble-updates noble-backports noble-security
Components: main restricted universe multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
SWARMLAB_EOF
chmod 0644 /etc/apt/sources.list.d/ubuntu.sources
apt_sources_of() {
  printf '%s\n' "$1" | sed -n \
    -e "s/.*[Rr]epository '\([a-z0-9+]*:\/\/[^ ']*\).*/\1/p" \
    -e 's/.*Failed to fetch \([a-z0-9+]*:\/\/[^ ]*\)\/dists\/.*/\1/p' |
    sort -u | while IFS= read -r url; do
      grep -lsF -- "$url" /etc/apt/sources.list /etc/apt/sources.list.d/* |
        while IFS= read -r file; do printf 'swarmlab-apt-source: %s %s\n' "$url" "$file"; done
    done
}
apt_update() {
  waited=0
  while ! output=$(apt-get -o DPkg::Lock::Timeout=300 update 2>&1); do
    case $output in
      *'/var/lib/apt/lists/lock'*) ;;
      *) printf '%s\n' "$output" >&2; apt_sources_of "$output" >&2; return 1 ;;
    esac
    if [ "$waited" -ge 300 ]; then
      printf '%s\n' "$output" >&2
      echo 'another apt process still holds /var/lib/apt/lists/lock after 300 s' >&2
      return 1
    fi
    sleep 5
    waited=$((waited + 5))
  done
  printf '%s\n' "$output"
}
apt_update

# --- hostname: Set the hostname
install -d -m 0700 /var/lib/swarmlab/originals
if [ ! -e /var/lib/swarmlab/originals/%etc%hostname ] && [ ! -e /var/lib/swarmlab/originals/%etc%hostname.absent ]; then
  if [ -e /etc/hostname ]; then cp -p /etc/hostname /var/lib/swarmlab/originals/%etc%hostname; else : > /var/lib/swarmlab/originals/%etc%hostname.absent; fi
fi
if command -v hostnamectl >/dev/null 2>&1 && hostnamectl set-hostname node02 2>/dev/null; then :
else
  printf '%s\n' node02 > /etc/hostname && hostname node02
fi

# --- hosts-file: List the nodes in /etc/hosts
# the block is added to the host’s own /etc/hosts (or rewritten where it stands); other lines stay
# written over SFTP, whole and atomically (mode 0644):
cat > /etc/hosts <<'SWARMLAB_EOF'
# BEGIN swarmlab nodes (managed by swarmlab: this block is rewritten on every run)
192.168.11.131 node01
192.168.11.132 node02
192.168.11.133 node03
# END swarmlab nodes
SWARMLAB_EOF
chmod 0644 /etc/hosts

# --- time-sync: Time synchronisation
# only where no time service runs; a container keeps its machine’s clock instead
if ! systemctl cat systemd-timesyncd.service >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y systemd-timesyncd
fi
systemctl enable --now systemd-timesyncd.service
timedatectl set-ntp true

# --- firewall: Firewall
# no firewall is active: nothing to open

# --- docker-install: Install Docker
# docker-ce from https://mirrors.aliyun.com/docker-ce (ubuntu noble)
set -eu
export DEBIAN_FRONTEND=noninteractive
# apt_sources_of() is defined above
if ! command -v curl >/dev/null 2>&1 || [ ! -e /etc/ssl/certs/ca-certificates.crt ] || ! command -v gpg >/dev/null 2>&1; then
  apt_update
  apt-get -o DPkg::Lock::Timeout=300 install -y ca-certificates curl gpg
fi
install -m 0755 -d /etc/apt/keyrings
curl -fsSL https://mirrors.aliyun.com/docker-ce/linux/ubuntu/gpg -o /etc/apt/keyrings/docker.asc.swarmlab-tmp
gnupg_home=$(mktemp -d)
seen=$({ gpg --homedir "$gnupg_home" --batch --with-colons --show-keys /etc/apt/keyrings/docker.asc.swarmlab-tmp 2>/dev/null || gpg --homedir "$gnupg_home" --batch --with-colons --with-fingerprint /etc/apt/keyrings/docker.asc.swarmlab-tmp 2>/dev/null; } | awk -F: '$1 == "pub" {primary = 1; next} primary && $1 == "fpr" {printf "%s%s", sep, $10; sep = " "; primary = 0}')
rm -rf "$gnupg_home"
if [ "$seen" != 9DC858229FC7DD38854AE2D88D81803C0EBFCD88 ]; then
  rm -f /etc/apt/keyrings/docker.asc.swarmlab-tmp
  printf 'swarmlab: refused the repository signing key from %s: its fingerprint is %s, but Docker publishes %s. Nothing was trusted. %s\n' https://mirrors.aliyun.com/docker-ce/linux/ubuntu/gpg "${seen:-none (not an OpenPGP key)}" 9DC858229FC7DD38854AE2D88D81803C0EBFCD88 'The mirror serves another key: set docker.mirror to another mirror (aliyun, tuna, ustc, azure) or docker.install to official.' >&2
  exit 1
fi
chmod 0644 /etc/apt/keyrings/docker.asc.swarmlab-tmp
mv -f /etc/apt/keyrings/docker.asc.swarmlab-tmp /etc/apt/keyrings/docker.asc
if [ -e /etc/apt/sources.list.d/docker.sources ]; then
  mv -f /etc/apt/sources.list.d/docker.sources /etc/apt/sources.list.d/docker.sources.swarmlab-backup
fi
# written over SFTP, whole and atomically (mode 0644):
cat > /etc/apt/sources.list.d/docker.list <<'SWARMLAB_EOF'
# Written by swarmlab: Docker's docker-ce repository (https://mirrors.aliyun.com/docker-ce).
deb [arch=amd64 signed-by=/etc/apt/keyrings/docker.asc] https://mirrors.aliyun.com/docker-ce/linux/ubuntu noble stable
SWARMLAB_EOF
chmod 0644 /etc/apt/sources.list.d/docker.list
set -eu
export DEBIAN_FRONTEND=noninteractive
# apt_sources_of() is defined above
apt_update
apt-get -o DPkg::Lock::Timeout=300 install -y docker-ce docker-ce-cli containerd.io
if ! systemctl enable --now docker; then
  echo 'docker.service did not start; the end of its journal:' >&2
  journalctl -u docker.service --no-pager -n 20 -o cat >&2 || true
  exit 1
fi

# --- docker-daemon: Docker daemon settings
# merged key by key with what the host’s daemon.json already holds; the old file is backed up and restored by itself if Docker does not come back
install -d -m 0755 "$(dirname /etc/docker/daemon.json)"
install -d -m 0700 /var/lib/swarmlab/originals
if [ ! -e /var/lib/swarmlab/originals/%etc%docker%daemon.json ] && [ ! -e /var/lib/swarmlab/originals/%etc%docker%daemon.json.absent ]; then
  if [ -e /etc/docker/daemon.json ]; then cp -p /etc/docker/daemon.json /var/lib/swarmlab/originals/%etc%docker%daemon.json; else : > /var/lib/swarmlab/originals/%etc%docker%daemon.json.absent; fi
fi
# Docker 23.0 and later: the new content is checked first, written as /etc/docker/daemon.json.swarmlab-new
dockerd --validate --config-file /etc/docker/daemon.json.swarmlab-new; rm -f /etc/docker/daemon.json.swarmlab-new
# written over SFTP, whole and atomically (mode 0644):
cat > /etc/docker/daemon.json <<'SWARMLAB_EOF'
{
  "log-driver": "json-file",
  "log-opts": {
    "max-size": "10m"
  },
  "registry-mirrors": [
    "https://registry.example.com"
  ]
}
SWARMLAB_EOF
chmod 0644 /etc/docker/daemon.json
set -u
systemctl reset-failed docker.service 2>/dev/null || true
if ! systemctl restart docker.service; then
  echo restart=failed
  echo answered=no
  exit 1
fi
i=0
while [ "$i" -lt 60 ]; do
  if docker info >/dev/null 2>&1; then echo answered=yes; exit 0; fi
  sleep 1
  i=$((i + 1))
done
echo answered=no
exit 1

# --- swarm-join: Join the swarm
# on node01: docker swarm join-token -q worker
# stdin: [REDACTED] (the worker join token; it never appears in a command or a log)
IFS= read -r token
docker swarm join --token "$token" --advertise-addr 192.168.11.132 192.168.11.131:2377

#### node03 (192.168.11.133) · worker · Ubuntu 24.04.1 LTS

# --- preflight: Preflight checks
# reads the host in one round trip and changes nothing

# --- preflight-cluster: Compare the hosts
# compares the facts of all hosts on this machine; sends nothing

# --- ssh-keys: SSH key login
# as root; then a login with the key alone is proven
mkdir -p "$HOME/.ssh" && chmod 700 "$HOME/.ssh"
# written over SFTP, whole and atomically (mode 0600):
cat > "$HOME/.ssh/authorized_keys" <<'SWARMLAB_EOF'
(the lines already there)
(the app’s ed25519 public key)
SWARMLAB_EOF
chmod 0600 "$HOME/.ssh/authorized_keys"

# --- package-mirrors: Package mirrors
[ ! -e /etc/apt/sources.list.d/ubuntu.sources ] || [ -e /etc/apt/sources.list.d/ubuntu.sources.swarmlab-backup ] || cp -p /etc/apt/sources.list.d/ubuntu.sources /etc/apt/sources.list.d/ubuntu.sources.swarmlab-backup
# written over SFTP, whole and atomically (mode 0644):
cat > /etc/apt/sources.list.d/ubuntu.sources <<'SWARMLAB_EOF'
# Written by swarmlab (mirror: aliyun). The file it replaced is kept with the suffix .swarmlab-backup.
Types: deb
URIs: https://mirrors.aliyun.com/ubuntu
Suites: noble noble-updates noble-backports noble-security
Components: main restricted universe multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
SWARMLAB_EOF
chmod 0644 /etc/apt/sources.list.d/ubuntu.sources
apt_sources_of() {
  printf '%s\n' "$1" | sed -n \
    -e "s/.*[Rr]epository '\([a-z0-9+]*:\/\/[^ ']*\).*/\1/p" \
    -e 's/.*Failed to fetch \([a-z0-9+]*:\/\/[^ ]*\)\/dists\/.*/\1/p' |
    sort -u | while IFS= read -r url; do
      grep -lsF -- "$url" /etc/apt/sources.list /etc/apt/sources.list.d/* |
        while IFS= read -r file; do printf 'swarmlab-apt-source: %s %s\n' "$url" "$file"; done
    done
}
apt_update() {
  waited=0
  while ! output=$(apt-get -o DPkg::Lock::Timeout=300 update 2>&1); do
    case $output in
      *'/var/lib/apt/lists/lock'*) ;;
      *) printf '%s\n' "$output" >&2; apt_sources_of "$output" >&2; return 1 ;;
    esac
    if [ "$waited" -ge 300 ]; then
      printf '%s\n' "$output" >&2
      echo 'another apt process still holds /var/lib/apt/lists/lock after 300 s' >&2
      return 1
    fi
    sleep 5
    waited=$((waited + 5))
  done
  printf '%s\n' "$output"
}
apt_update

# --- hostname: Set the hostname
install -d -m 0700 /var/lib/swarmlab/originals
if [ ! -e /var/lib/swarmlab/originals/%etc%hostname ] && [ ! -e /var/lib/swarmlab/originals/%etc%hostname.absent ]; then
  if [ -e /etc/hostname ]; then cp -p /etc/hostname /var/lib/swarmlab/originals/%etc%hostname; else : > /var/lib/swarmlab/originals/%etc%hostname.absent; fi
fi
if command -v hostnamectl >/dev/null 2>&1 && hostnamectl set-hostname node03 2>/dev/null; then :
else
  printf '%s\n' node03 > /etc/hostname && hostname node03
fi

# --- hosts-file: List the nodes in /etc/hosts
# the block is added to the host’s own /etc/hosts (or rewritten where it stands); other lines stay
# written over SFTP, whole and atomically (mode 0644):
cat > /etc/hosts <<'SWARMLAB_EOF'
# BEGIN swarmlab nodes (managed by swarmlab: this block is rewritten on every run)
192.168.11.131 node01
192.168.11.132 node02
192.168.11.133 node03
# END swarmlab nodes
SWARMLAB_EOF
chmod 0644 /etc/hosts

# --- time-sync: Time synchronisation
# only where no time service runs; a container keeps its machine’s clock instead
if ! systemctl cat systemd-timesyncd.service >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y systemd-timesyncd
fi
systemctl enable --now systemd-timesyncd.service
timedatectl set-ntp true

# --- firewall: Firewall
# no firewall is active: nothing to open

# --- docker-install: Install Docker
# docker-ce from https://mirrors.aliyun.com/docker-ce (ubuntu noble)
set -eu
export DEBIAN_FRONTEND=noninteractive
# apt_sources_of() is defined above
if ! command -v curl >/dev/null 2>&1 || [ ! -e /etc/ssl/certs/ca-certificates.crt ] || ! command -v gpg >/dev/null 2>&1; then
  apt_update
  apt-get -o DPkg::Lock::Timeout=300 install -y ca-certificates curl gpg
fi
install -m 0755 -d /etc/apt/keyrings
curl -fsSL https://mirrors.aliyun.com/docker-ce/linux/ubuntu/gpg -o /etc/apt/keyrings/docker.asc.swarmlab-tmp
gnupg_home=$(mktemp -d)
seen=$({ gpg --homedir "$gnupg_home" --batch --with-colons --show-keys /etc/apt/keyrings/docker.asc.swarmlab-tmp 2>/dev/null || gpg --homedir "$gnupg_home" --batch --with-colons --with-fingerprint /etc/apt/keyrings/docker.asc.swarmlab-tmp 2>/dev/null; } | awk -F: '$1 == "pub" {primary = 1; next} primary && $1 == "fpr" {printf "%s%s", sep, $10; sep = " "; primary = 0}')
rm -rf "$gnupg_home"
if [ "$seen" != 9DC858229FC7DD38854AE2D88D81803C0EBFCD88 ]; then
  rm -f /etc/apt/keyrings/docker.asc.swarmlab-tmp
  printf 'swarmlab: refused the repository signing key from %s: its fingerprint is %s, but Docker publishes %s. Nothing was trusted. %s\n' https://mirrors.aliyun.com/docker-ce/linux/ubuntu/gpg "${seen:-none (not an OpenPGP key)}" 9DC858229FC7DD38854AE2D88D81803C0EBFCD88 'The mirror serves another key: set docker.mirror to another mirror (aliyun, tuna, ustc, azure) or docker.install to official.' >&2
  exit 1
fi
chmod 0644 /etc/apt/keyrings/docker.asc.swarmlab-tmp
mv -f /etc/apt/keyrings/docker.asc.swarmlab-tmp /etc/apt/keyrings/docker.asc
if [ -e /etc/apt/sources.list.d/docker.sources ]; then
  mv -f /etc/apt/sources.list.d/docker.sources /etc/apt/sources.list.d/docker.sources.swarmlab-backup
fi
# written over SFTP, whole and atomically (mode 0644):
cat > /etc/apt/sources.list.d/docker.list <<'SWARMLAB_EOF'
# Written by swarmlab: Docker's docker-ce repository (https://mirrors.aliyun.com/docker-ce).
deb [arch=amd64 signed-by=/etc/apt/keyrings/docker.asc] https://mirrors.aliyun.com/docker-ce/linux/ubuntu noble stable
SWARMLAB_EOF
chmod 0644 /etc/apt/sources.list.d/docker.list
set -eu
export DEBIAN_FRONTEND=noninteractive
# apt_sources_of() is defined above
apt_update
apt-get -o DPkg::Lock::Timeout=300 install -y docker-ce docker-ce-cli containerd.io
if ! systemctl enable --now docker; then
  echo 'docker.service did not start; the end of its journal:' >&2
  journalctl -u docker.service --no-pager -n 20 -o cat >&2 || true
  exit 1
fi

# --- docker-daemon: Docker daemon settings
# merged key by key with what the host’s daemon.json already holds; the old file is backed up and restored by itself if Docker does not come back
install -d -m 0755 "$(dirname /etc/docker/daemon.json)"
install -d -m 0700 /var/lib/swarmlab/originals
if [ ! -e /var/lib/swarmlab/originals/%etc%docker%daemon.json ] && [ ! -e /var/lib/swarmlab/originals/%etc%docker%daemon.json.absent ]; then
  if [ -e /etc/docker/daemon.json ]; then cp -p /etc/docker/daemon.json /var/lib/swarmlab/originals/%etc%docker%daemon.json; else : > /var/lib/swarmlab/originals/%etc%docker%daemon.json.absent; fi
fi
# Docker 23.0 and later: the new content is checked first, written as /etc/docker/daemon.json.swarmlab-new
dockerd --validate --config-file /etc/docker/daemon.json.swarmlab-new; rm -f /etc/docker/daemon.json.swarmlab-new
# written over SFTP, whole and atomically (mode 0644):
cat > /etc/docker/daemon.json <<'SWARMLAB_EOF'
{
  "log-driver": "json-file",
  "log-opts": {
    "max-size": "10m"
  },
  "registry-mirrors": [
    "https://registry.example.com"
  ]
}
SWARMLAB_EOF
chmod 0644 /etc/docker/daemon.json
set -u
systemctl reset-failed docker.service 2>/dev/null || true
if ! systemctl restart docker.service; then
  echo restart=failed
  echo answered=no
  exit 1
fi
i=0
while [ "$i" -lt 60 ]; do
  if docker info >/dev/null 2>&1; then echo answered=yes; exit 0; fi
  sleep 1
  i=$((i + 1))
done
echo answered=no
exit 1

# --- swarm-join: Join the swarm
# on node01: docker swarm join-token -q worker
# stdin: [REDACTED] (the worker join token; it never appears in a command or a log)
IFS= read -r token
docker swarm join --token "$token" --advertise-addr 192.168.11.133 192.168.11.131:2377

# --- node-labels: Node labels
# only the labels the node does not have yet; labels set by hand stay
# on node01:
docker node update --label-add zone=b '<node id of node03>'
