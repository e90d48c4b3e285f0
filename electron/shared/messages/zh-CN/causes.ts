import type { causes as english } from '../en/causes';
import type { Translation } from '../shape';

export const causes: Translation<typeof english> = {
  withDetail: '{cause}——{fix}（{detail}）',
  auth: '主机拒绝了登录',
  authFix:
    '检查这台主机的用户名及其密码或密钥；若是 root，sshd 可能禁止了密码登录（PermitRootLogin）',
  unreachable: '{target} 没有任何应答',
  unreachableFix:
    '检查地址是否正确、主机是否已开机并在这个网络中，以及是否有防火墙丢弃了端口 {port} 的连接',
  refused: '{target} 有应答，但端口 {port} 上没有 SSH 服务在监听',
  refusedFix: '检查端口，并确认主机上已安装并启动了 sshd',
  timeout: '{target} 没有及时应答',
  timeoutFix: '检查主机是否已开机、地址是否正确；可能有防火墙丢弃了数据包',
  unresolved: '无法解析名称 {host}',
  unresolvedFix: '检查拼写，或改用主机的 IP 地址',
  sudoPassword: 'sudo 拒绝了所给的 sudo 密码',
  sudoPasswordFix: '检查该用户的 sudo 密码（通常就是登录密码）',
  lost: '与 {target} 的连接断开了',
  lostFix: '检查主机是否仍在运行、网络是否稳定，然后重试',
  aptSourceOne:
    'apt 无法使用 {files} 中列出的软件源：请在主机上修正或删除该条目（可在那里打开终端），然后重试',
  aptSources:
    'apt 无法使用 {files} 中列出的软件源：请在主机上修正或删除这些条目（可在那里打开终端），然后重试',
  output: {
    unresolved:
      '主机无法解析 {name}：它的 DNS 没有应答，下载会一直等待并失败（检查 /etc/resolv.conf，或使用以 IP 访问的镜像）',
    fetchFailed: '下载失败：{url}',
    timedOut: '主机发起的连接超时',
    noSpace: '主机磁盘已满',
  },
};
