import { systemdCommandLine } from '../../../shell/escape';

/** containerd's unit for the static binaries, after the one containerd.io ships. */
export function containerdService(binDir: string): string {
  return `[Unit]
Description=containerd container runtime
Documentation=https://containerd.io
After=network.target local-fs.target

[Service]
ExecStartPre=-/sbin/modprobe overlay
ExecStart=${systemdCommandLine([`${binDir}/containerd`])}
Type=notify
Delegate=yes
KillMode=process
Restart=always
RestartSec=5
LimitNPROC=infinity
LimitCORE=infinity
TasksMax=infinity
OOMScoreAdjust=-999

[Install]
WantedBy=multi-user.target
`;
}
