umask 077
mkdir -p /root/.ssh
[ -e /root/.ssh/id_ed25519 ] || ssh-keygen -q -t ed25519 -N '' -C "root@$(hostname)" -f /root/.ssh/id_ed25519
