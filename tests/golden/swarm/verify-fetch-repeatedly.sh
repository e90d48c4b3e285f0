i=0
while [ "$i" -lt 12 ]; do
  wget -qO- -T 3 http://swarmlab-verify/ 2>/dev/null || echo FAIL
  i=$((i + 1))
done
