yum install -y chrony
systemctl enable --now chronyd.service
