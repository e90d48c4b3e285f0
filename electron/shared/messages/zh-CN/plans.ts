import type { plans as english } from '../en/plans';
import type { Translation } from '../shape';

export const plans: Translation<typeof english> = {
  dockerSource: {
    distro: '从发行版自带的软件源安装 {package}（{system}）',
    repo: '从 {base} 安装 docker-ce{pin}（{system}）',
    offline: '用从本机上传的 {count} 个 .{format} 文件安装 {package}',
    static: '把 Docker {version} 静态二进制文件（{file}）装到 {folder}',
    preinstalled: 'Docker 已事先装好（install: skip）',
  },
  notes: {
    noPreview: '会在这里执行；此步骤还没有预览',
    dockerUploads: '{summary}；通过 SFTP 上传：{uploads}',
    imageUpload: '先通过 SFTP 把 {archive} 上传到 {remote}（{image}）',
    preflightCluster: '在本机比对所有主机的信息；不向主机发送任何内容',
    preflight: '一次往返读取主机信息，不做任何改动',
    timeSync: '只在没有时间服务运行时执行；容器沿用其所在机器的时钟',
    managerKey: '以 root 身份',
    noFirewall: '没有启用防火墙：无需放行端口',
    overlayNetwork: '若已有同名网络，则它必须与设置一致',
    sshKeys: '以 {user} 身份；随后验证仅凭密钥即可登录',
    daemonUnchanged: '没有 docker.daemon 设置：daemon.json 保持原样',
    daemonMerged: '与主机上已有的 daemon.json 逐键合并；旧文件会先备份，Docker 起不来时自动还原',
    nodeLabels: '只添加节点还没有的标签；手动设置的标签保留',
    verifyMesh:
      '随后从本节点的一个任务访问 {network} 上的每个任务，并按服务名访问以观察请求的负载均衡（虚拟 IP 与路由网格）',
    verifyRoundRobin:
      '随后从本节点的一个任务访问 {network} 上的每个任务，并按服务名访问以观察请求的负载均衡（DNS 轮询与 host 模式端口：此内核没有 IPVS）',
    selinuxRelaxed: 'SELinux 为 {mode}：无需放宽',
    hostsBlock: '在主机自己的 /etc/hosts 中添加（或原地改写）这一段；其他行保持不变',
  },
};
