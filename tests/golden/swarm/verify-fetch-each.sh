for url in http://10.10.0.3/ http://10.10.0.4/; do
  answer=$(wget -qO- -T 3 "$url" 2>/dev/null) || answer=FAIL
  printf "%s %s\n" "$url" "$answer"
done
