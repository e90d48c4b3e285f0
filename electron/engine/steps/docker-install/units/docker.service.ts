import { systemdCommandLine } from '../../../shell/escape';

/** dockerd's unit for the static binaries, after the one docker-ce ships. */
export function dockerService(binDir: string): string {
  const execStart = systemdCommandLine([
    `${binDir}/dockerd`,
    '-H',
    'fd://',
    '--containerd=/run/containerd/containerd.sock',
  ]);
  return `[Unit]
Description=Docker Application Container Engine
Documentation=https://docs.docker.com
After=network-online.target docker.socket firewalld.service containerd.service time-set.target
Wants=network-online.target containerd.service
Requires=docker.socket

[Service]
Type=notify
ExecStart=${execStart}
ExecReload=/bin/kill -s HUP $MAINPID
TimeoutStartSec=0
RestartSec=2
Restart=always
StartLimitBurst=3
StartLimitInterval=60s
LimitNPROC=infinity
LimitCORE=infinity
TasksMax=infinity
Delegate=yes
KillMode=process
OOMScoreAdjust=-500

[Install]
WantedBy=multi-user.target
`;
}
