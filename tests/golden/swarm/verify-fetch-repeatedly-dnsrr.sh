fetch() {
  answer=$(printf 'GET / HTTP/1.0\r\n\r\n' | nc -w 3 "$1" "$2" 2>/dev/null | tail -n 1)
  [ -n "$answer" ] || answer=FAIL
  printf '%s\n' "$answer"
}
i=0
while [ "$i" -lt 12 ]; do
  address=$(nslookup swarmlab-verify 2>/dev/null | awk '/^Address/ && $2 !~ /:53$/ {print $2; exit}')
  fetch "$address" 80
  i=$((i + 1))
done
