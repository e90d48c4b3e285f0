/**
 * Every word the report itself says, one table per language. What the hosts and the steps said
 * (messages, check details) stays as recorded in the journal; step titles come localized from
 * the run plan.
 */

import type { ReportCheckTranslations } from './schema';

export type ReportLang = 'en' | 'zh-CN';
export const REPORT_LANGS: readonly ReportLang[] = ['en', 'zh-CN'];

export interface ReportStrings {
  htmlLang: string;
  title: string;
  subtitle: string;
  status: Record<'succeeded' | 'failed' | 'cancelled' | 'unfinished', string>;
  stepStatus: Record<'ok' | 'changed' | 'failed' | 'skipped', string>;
  checkStatus: Record<'pass' | 'warn' | 'fail', string>;
  runId: string;
  startedAt: string;
  finishedAt: string;
  totalTime: string;
  version: string;
  generatedAt: string;
  notFinished: string;
  summary: string;
  whatFailed: string;
  nothingFailed: string;
  contents: string;
  topology: string;
  topologyCaption: string;
  hosts: string;
  host: string;
  role: Record<'manager' | 'worker', string>;
  leader: string;
  address: string;
  login: string;
  os: string;
  kernel: string;
  arch: string;
  resources: string;
  cpus: (count: number) => string;
  memory: (mb: number) => string;
  docker: string;
  dockerBefore: (version: string) => string;
  notInstalled: string;
  hostname: string;
  hostnameWas: (before: string) => string;
  timeSync: string;
  synchronized: string;
  notSynchronized: string;
  clockOffset: (ms: number) => string;
  daemonConfig: string;
  daemonUnchanged: (keys: string) => string;
  daemonNone: string;
  unknown: string;
  preflight: string;
  check: string;
  detail: string;
  fix: string;
  swarm: string;
  nodes: string;
  nodeColumns: {
    hostname: string;
    status: string;
    availability: string;
    manager: string;
    address: string;
  };
  swarmNotRead: string;
  network: string;
  networkColumns: {
    name: string;
    driver: string;
    subnet: string;
    attachable: string;
    encrypted: string;
  };
  yes: string;
  no: string;
  noNetwork: string;
  verification: string;
  verificationNotRun: string;
  verificationChecks: Record<string, string>;
  passed: string;
  failedCheck: string;
  howProven: string;
  proofRoutingMesh: string;
  proofRoutingMeshFailed: string;
  proofNoMesh: string;
  proofUnknown: string;
  answers: string;
  steps: string;
  stepOf: (index: number, total: number) => string;
  duration: string;
  changes: string;
  warnings: string;
  commands: (count: number) => string;
  helperCommands: (count: number) => string;
  noCommands: string;
  exitCode: (code: number | null) => string;
  wroteFile: (path: string, mode: string, bytes: number) => string;
  noOutput: string;
  asRoot: string;
  notRunHere: string;
  logs: string;
  reproduction: string;
  reproductionIntro: string;
  download: string;
  footer: (version: string) => string;
  redactedNote: string;
}

const en: ReportStrings = {
  htmlLang: 'en',
  title: 'Swarm setup report',
  subtitle: 'What was done, what was proven, and a script that reproduces it.',
  status: {
    succeeded: 'Succeeded',
    failed: 'Failed',
    cancelled: 'Cancelled',
    unfinished: 'Unfinished',
  },
  stepStatus: { ok: 'ok', changed: 'changed', failed: 'failed', skipped: 'skipped' },
  checkStatus: { pass: 'pass', warn: 'warning', fail: 'fail' },
  runId: 'Run',
  startedAt: 'Started',
  finishedAt: 'Finished',
  totalTime: 'Total time',
  version: 'swarmlab version',
  generatedAt: 'Report generated',
  notFinished: 'did not finish',
  summary: 'Summary',
  whatFailed: 'What failed',
  nothingFailed: 'Nothing failed.',
  contents: 'Contents',
  topology: 'Topology',
  topologyCaption: 'Nodes with their roles and addresses, joined by the overlay network.',
  hosts: 'Hosts',
  host: 'Host',
  role: { manager: 'manager', worker: 'worker' },
  leader: 'leader',
  address: 'Address',
  login: 'Login',
  os: 'Operating system',
  kernel: 'Kernel',
  arch: 'Architecture',
  resources: 'Resources',
  cpus: (count) => `${count} CPU${count === 1 ? '' : 's'}`,
  memory: (mb) => (mb >= 1024 ? `${(mb / 1024).toFixed(1)} GiB RAM` : `${mb} MiB RAM`),
  docker: 'Docker',
  dockerBefore: (version) => `before the run: ${version}`,
  notInstalled: 'not installed',
  hostname: 'Hostname',
  hostnameWas: (before) => `was ${before}`,
  timeSync: 'Time sync',
  synchronized: 'synchronized',
  notSynchronized: 'not synchronized',
  clockOffset: (ms) => `clock offset ${ms >= 0 ? '+' : ''}${Math.round(ms)} ms`,
  daemonConfig: 'Docker daemon config',
  daemonUnchanged: (keys) => `already as wanted, not rewritten (keys: ${keys})`,
  daemonNone: 'not managed in this run',
  unknown: 'unknown',
  preflight: 'Preflight checks',
  check: 'Check',
  detail: 'Detail',
  fix: 'Fix',
  swarm: 'The swarm as it ended',
  nodes: 'Nodes',
  nodeColumns: {
    hostname: 'Hostname',
    status: 'Status',
    availability: 'Availability',
    manager: 'Manager status',
    address: 'Address',
  },
  swarmNotRead: 'The run did not get as far as reading the node list.',
  network: 'Overlay network',
  networkColumns: {
    name: 'Name',
    driver: 'Driver',
    subnet: 'Subnet',
    attachable: 'Attachable',
    encrypted: 'Encrypted',
  },
  yes: 'yes',
  no: 'no',
  noNetwork: 'No overlay network was created in this run.',
  verification: 'Verification',
  verificationNotRun: 'The swarm was not verified in this run.',
  verificationChecks: {
    nodes: 'All nodes in the swarm and Ready',
    placement: 'Tasks placed on every node',
    pinned: 'Placement constraint honoured',
    reachability: 'Cross-node reachability over the overlay',
    'load-balancing': 'Load balancing across tasks',
    'host-ports': 'Host-mode ports on every node',
    'routing-mesh': 'Routing mesh (ingress) on every node',
  },
  passed: 'passed',
  failedCheck: 'failed',
  howProven: 'How load balancing was proven',
  proofRoutingMesh:
    'Through the routing mesh: every node has IPVS, so the test service got a virtual IP and a port published in ingress mode. Requests by service name were spread across different tasks, and the ingress port answered on every node, also on nodes that had to forward the request to a task elsewhere.',
  proofRoutingMeshFailed:
    'Through the routing mesh: every node has IPVS, so the test service got a virtual IP and an ingress port — but the checks below did not all pass.',
  proofNoMesh:
    'The routing mesh was unavailable: at least one node’s kernel has no IPVS, and without IPVS neither ingress-published ports nor virtual-IP load balancing can work. Load balancing was therefore proven by DNS round robin (requests by service name answered by different tasks) and by host-mode ports (each node answered with its own task). Services on this swarm must publish ports in host mode or use DNS round robin until the kernels get IPVS.',
  proofUnknown: 'The verification did not record how load balancing was proven.',
  answers: 'Answers per node',
  steps: 'Steps',
  stepOf: (index, total) => `Step ${index} of ${total}`,
  duration: 'Duration',
  changes: 'Changes',
  warnings: 'Warnings',
  commands: (count) => `${count} command${count === 1 ? '' : 's'}`,
  helperCommands: (count) =>
    `${count} command${count === 1 ? '' : 's'} run on other hosts for this step`,
  noCommands: 'No commands recorded.',
  exitCode: (code) => (code === null ? 'no exit code' : `exit ${code}`),
  wroteFile: (path, mode, bytes) => `wrote ${path} (mode ${mode}, ${bytes} bytes)`,
  noOutput: '(no output)',
  asRoot: 'as root',
  notRunHere: 'not run on this host',
  logs: 'Warnings and errors logged',
  reproduction: 'Reproduction script',
  reproductionIntro:
    'The commands that changed the hosts, in order, per host, as one POSIX shell script that runs them over plain ssh. Files the run wrote are recreated exactly. Join tokens are fetched from the manager when the script runs; no password is in it. Read-only probes and the verification are summarized as comments.',
  download: 'Download reproduce.sh',
  footer: (version) => `Made by swarmlab ${version}.`,
  redactedNote: 'Secrets (passwords, join tokens, private keys) are shown as [REDACTED].',
};

const zhCN: ReportStrings = {
  htmlLang: 'zh-CN',
  title: 'Swarm 集群部署报告',
  subtitle: '做了什么、验证了什么，以及可复现本次部署的脚本。',
  status: { succeeded: '成功', failed: '失败', cancelled: '已取消', unfinished: '未完成' },
  stepStatus: { ok: '无需改动', changed: '已更改', failed: '失败', skipped: '已跳过' },
  checkStatus: { pass: '通过', warn: '警告', fail: '失败' },
  runId: '运行',
  startedAt: '开始时间',
  finishedAt: '结束时间',
  totalTime: '总耗时',
  version: 'swarmlab 版本',
  generatedAt: '报告生成时间',
  notFinished: '未结束',
  summary: '概览',
  whatFailed: '失败项',
  nothingFailed: '没有失败项。',
  contents: '目录',
  topology: '拓扑',
  topologyCaption: '各节点的角色与地址，以及连接它们的 overlay 网络。',
  hosts: '主机',
  host: '主机',
  role: { manager: '管理节点', worker: '工作节点' },
  leader: '领导者',
  address: '地址',
  login: '登录用户',
  os: '操作系统',
  kernel: '内核',
  arch: '架构',
  resources: '资源',
  cpus: (count) => `${count} 个 CPU`,
  memory: (mb) => (mb >= 1024 ? `内存 ${(mb / 1024).toFixed(1)} GiB` : `内存 ${mb} MiB`),
  docker: 'Docker',
  dockerBefore: (version) => `部署前：${version}`,
  notInstalled: '未安装',
  hostname: '主机名',
  hostnameWas: (before) => `原为 ${before}`,
  timeSync: '时间同步',
  synchronized: '已同步',
  notSynchronized: '未同步',
  clockOffset: (ms) => `时钟偏差 ${ms >= 0 ? '+' : ''}${Math.round(ms)} 毫秒`,
  daemonConfig: 'Docker daemon 配置',
  daemonUnchanged: (keys) => `已符合要求，未重写（键：${keys}）`,
  daemonNone: '本次运行未管理',
  unknown: '未知',
  preflight: '预检结果',
  check: '检查项',
  detail: '详情',
  fix: '修复方法',
  swarm: '部署结束时的集群状态',
  nodes: '节点',
  nodeColumns: {
    hostname: '主机名',
    status: '状态',
    availability: '可用性',
    manager: '管理状态',
    address: '地址',
  },
  swarmNotRead: '本次运行未进行到读取节点列表的阶段。',
  network: 'Overlay 网络',
  networkColumns: {
    name: '名称',
    driver: '驱动',
    subnet: '子网',
    attachable: '可挂载',
    encrypted: '加密',
  },
  yes: '是',
  no: '否',
  noNetwork: '本次运行未创建 overlay 网络。',
  verification: '验证',
  verificationNotRun: '本次运行未验证集群。',
  verificationChecks: {
    nodes: '所有节点均已加入且为 Ready',
    placement: '每个节点都有任务运行',
    pinned: '放置约束生效',
    reachability: '跨节点经 overlay 网络互通',
    'load-balancing': '请求在任务之间负载均衡',
    'host-ports': '每个节点的 host 模式端口',
    'routing-mesh': '每个节点的路由网格（ingress）',
  },
  passed: '通过',
  failedCheck: '未通过',
  howProven: '负载均衡的验证方式',
  proofRoutingMesh:
    '通过路由网格验证：所有节点都具备 IPVS，测试服务获得虚拟 IP，并以 ingress 模式发布端口。按服务名发出的请求分摊到了不同任务；ingress 端口在每个节点上都有应答，包括需要把请求转发到其他节点任务的节点。',
  proofRoutingMeshFailed:
    '通过路由网格验证：所有节点都具备 IPVS，测试服务获得虚拟 IP 和 ingress 端口，但下列检查并未全部通过。',
  proofNoMesh:
    '路由网格不可用：至少有一个节点的内核缺少 IPVS，没有 IPVS 时 ingress 发布的端口和虚拟 IP 负载均衡都无法工作。因此改用 DNS 轮询（按服务名发出的请求由不同任务应答）和 host 模式端口（每个节点由其自身的任务应答）来验证负载均衡。在内核支持 IPVS 之前，此集群上的服务须以 host 模式发布端口或使用 DNS 轮询。',
  proofUnknown: '验证结果未记录负载均衡的验证方式。',
  answers: '各节点应答次数',
  steps: '步骤',
  stepOf: (index, total) => `第 ${index} 步，共 ${total} 步`,
  duration: '耗时',
  changes: '改动',
  warnings: '警告',
  commands: (count) => `${count} 条命令`,
  helperCommands: (count) => `为此步骤在其他主机上执行的 ${count} 条命令`,
  noCommands: '没有记录命令。',
  exitCode: (code) => (code === null ? '无退出码' : `退出码 ${code}`),
  wroteFile: (path, mode, bytes) => `写入 ${path}（权限 ${mode}，${bytes} 字节）`,
  noOutput: '（无输出）',
  asRoot: '以 root 身份',
  notRunHere: '未在此主机上运行',
  logs: '记录的警告与错误',
  reproduction: '复现脚本',
  reproductionIntro:
    '按主机、按顺序列出改动主机的命令，合成一个通过普通 ssh 执行的 POSIX shell 脚本。本次写入的文件会被原样重建。加入令牌在脚本运行时从管理节点获取；脚本中不含任何密码。只读的探测与验证过程以注释形式概述。',
  download: '下载 reproduce.sh',
  footer: (version) => `由 swarmlab ${version} 生成。`,
  redactedNote: '机密信息（密码、加入令牌、私钥）显示为 [REDACTED]。',
};

export const REPORT_STRINGS: Readonly<Record<ReportLang, ReportStrings>> = { en, 'zh-CN': zhCN };

/** A check's detail and fix in the report's language (English when not recorded). */
export function checkWords(
  check: {
    detail: string;
    fix?: string | null;
    translations: ReportCheckTranslations;
  },
  lang: ReportLang,
): { detail: string; fix: string | null } {
  const chinese = lang === 'zh-CN' ? check.translations?.['zh-CN'] : undefined;
  return chinese ?? { detail: check.detail, fix: check.fix ?? null };
}

export function isReportLang(value: string): value is ReportLang {
  return (REPORT_LANGS as readonly string[]).includes(value);
}

/** A duration for people: 850 ms, 12.4 s, 3 min 05 s, 1 h 02 min. */
export function formatDuration(ms: number | null | undefined, lang: ReportLang): string {
  if (ms === null || ms === undefined) return '—';
  const zh = lang === 'zh-CN';
  if (ms < 1000) return zh ? `${Math.round(ms)} 毫秒` : `${Math.round(ms)} ms`;
  if (ms < 60_000) return zh ? `${(ms / 1000).toFixed(1)} 秒` : `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) {
    return zh
      ? `${hours} 小时 ${String(minutes).padStart(2, '0')} 分`
      : `${hours} h ${String(minutes).padStart(2, '0')} min`;
  }
  return zh
    ? `${minutes} 分 ${String(seconds).padStart(2, '0')} 秒`
    : `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** A timestamp for people, in UTC so a report reads the same wherever it is opened. */
export function formatTime(iso: string | null): string {
  if (!iso) return '—';
  return `${iso
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '')
    .replace(/Z$/, '')} UTC`;
}
