setenforce 0
sed -i.swarmlab-backup 's/^SELINUX=enforcing$/SELINUX=permissive/' /etc/selinux/config
