if ! systemctl cat systemd-timesyncd.service >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y systemd-timesyncd
fi
systemctl enable --now systemd-timesyncd.service
timedatectl set-ntp true
