fetch() {
  answer=$(printf 'GET / HTTP/1.0\r\n\r\n' | nc -w 3 "$1" "$2" 2>/dev/null | tail -n 1)
  [ -n "$answer" ] || answer=FAIL
  printf '%s\n' "$answer"
}
i=0
while [ "$i" -lt 12 ]; do
  fetch swarmlab-verify 80
  i=$((i + 1))
done
