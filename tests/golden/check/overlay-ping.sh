command -v ping >/dev/null 2>&1 || { echo no-ping-here; exit 0; }
check() {
  small=no; end=$(( $(date +%s) + 20 ))
  while :; do
    if ping -c 1 -W 1 "$1" >/dev/null 2>&1; then small=yes; break; fi
    [ "$(date +%s)" -ge "$end" ] && break
  done
  large=no
  if [ $small = yes ]; then for _ in 1 2 3; do
    if ping -c 1 -W 1 -s 1422 "$1" >/dev/null 2>&1; then large=yes; break; fi
  done; fi
  echo "ping $1 $small $large"
}
check 10.10.0.3 &
check 10.10.0.4 &
wait
