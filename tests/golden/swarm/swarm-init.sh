docker swarm init --advertise-addr 192.168.11.131 --data-path-port 7789
