/** The API socket for the static binaries, as docker-ce ships it: root and the docker group. */
export const DOCKER_SOCKET = `[Unit]
Description=Docker Socket for the API

[Socket]
ListenStream=/run/docker.sock
SocketMode=0660
SocketUser=root
SocketGroup=docker

[Install]
WantedBy=sockets.target
`;
