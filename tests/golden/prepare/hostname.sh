if command -v hostnamectl >/dev/null 2>&1 && hostnamectl set-hostname node01 2>/dev/null; then :
else
  printf '%s\n' node01 > /etc/hostname && hostname node01
fi
