probe() {
  # shellcheck disable=SC2016 # $0 and $1 are the inner bash's own arguments
  if timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null; then r=open
  elif [ $? -eq 124 ]; then r=dropped
  else r=refused; fi
  echo "port $1 $2 $r"
}
probe 10.210.0.11 2377 &
probe 10.210.0.11 7946 &
wait
