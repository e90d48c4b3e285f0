systemctl disable --now firewalld
