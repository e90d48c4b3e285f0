docker network create --driver overlay --subnet 10.10.0.0/24 --attachable --opt encrypted --opt com.docker.network.driver.mtu=1400 swarmlab-net
