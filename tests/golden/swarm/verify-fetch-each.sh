fetch() {
  answer=$(printf 'GET / HTTP/1.0\r\n\r\n' | nc -w 3 "$1" "$2" 2>/dev/null | tail -n 1)
  [ -n "$answer" ] || answer=FAIL
  printf '%s\n' "$answer"
}
for target in 10.10.0.3:80 10.210.0.12:18080; do
  printf '%s ' "$target"
  fetch "${target%:*}" "${target##*:}"
done
