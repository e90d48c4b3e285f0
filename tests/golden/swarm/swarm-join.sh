IFS= read -r token
docker swarm join --token "$token" --advertise-addr 192.168.11.132 192.168.11.131:2377
