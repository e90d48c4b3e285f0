import type { imports as english } from '../en/imports';
import type { Translation } from '../shape';

export const imports: Translation<typeof english> = {
  sshConfig: {
    matchSkipped: '未解析 Match {match}：其中的设置没有使用',
    jumpHostOnly: '是其他主机的跳板机，因此不作为 Swarm 节点',
    unusedKeyword: '{line}（{keyword}）swarmlab 不使用',
    includeTooDeep: '{place}：Include 嵌套过深，未读取',
    includeMissing: 'Include {pattern}：没有这个文件',
    extraIdentities: '只使用第一个 IdentityFile（未使用 {rest}）',
    jumpHostsDiffer:
      'swarmlab 对所有主机只使用一个跳板机：{hosts} 的 ProxyJump（{jumps}）没有带过来',
    jumpUnreadable: '无法解析 ProxyJump {jump}',
  },
  ansible: {
    notAVariable: '[{group}:vars] {line}：不是变量，已跳过',
    template: '{key}={value} 是模板，未求值',
    unusedVariable: '{key}={value} swarmlab 不使用',
    passwordLeftOut: '未写入其登录密码：运行时再询问',
    becomeLeftOut: '未写入其 become 密码：运行时再询问（或设置 {variable}）',
  },
  managerMissing: '管理节点 {name} 不在导入的主机中',
};
