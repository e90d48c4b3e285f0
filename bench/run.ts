/**
 * `npm run bench`: swarmlab against Ansible and against the physical limit, on this machine's
 * lab hosts and on loopback SSH endpoints. Writes bench/results.json and bench/RESULTS.md.
 *
 *   npx tsx bench/run.ts [--runs 3] [--only e2e,fanout,terminal] [--fanout 1,10,50,100]
 *                        [--fanout-runs 3]
 *
 * Sections (see RESULTS.md for what each measures): e2e (3 bare lab hosts → swarm, with the
 * rerun on the finished swarm), fanout (the facts probe against 1…100 SSH endpoints), terminal
 * (bench/terminal-throughput.ts, when it exists). With --only, the other sections keep their
 * figures from the last results.json. Needs Linux and root (the lab); set SWARMLAB_LAB_SLOT to
 * use a lab slot of your own.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build as esbuild } from 'esbuild';
import { saveInventory } from '../electron/engine/inventory';
import {
  hostExec,
  labDown,
  labStatus,
  labUp,
  resetHosts,
  type LabInfo,
} from '../electron/engine/lab';
import { labInventory, labPasswordEnv } from '../electron/engine/lab/inventory';
import { ensureTools } from '../electron/engine/lab/install-tools';
import { LAB_SLOT } from '../electron/engine/lab/paths';
import { REQUIRED_TOOLS, type RequiredTool } from '../electron/engine/lab/preflight';
import type { RunEvent } from '../electron/shared/run-events';
import { factsProbeScript } from '../electron/engine/facts/probe-script';
import { peersToProbe } from '../electron/engine/steps/preflight';
import { SWARMLAB_VERSION } from '../electron/engine/version';
import { renderResults, type E2eContender, type FanoutPoint, type Results } from './lib/results';
import { startLoopbackSshd } from './lib/loopback-sshd';
import type { ChildResult, ChildSpec } from './lib/swarmlab-child';
import { load1, machineInfo, mustRun, series, timedRun, type Timed } from './lib/util';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
const CLI = join(ROOT, 'bin', 'swarmlab.mjs');
const CHILD_SOURCE = join(BENCH, 'lib', 'swarmlab-child.ts');
/** Built like the CLI (and two levels below the root like it, see scripts/build-cli.mjs). */
const CHILD = join(ROOT, 'out', 'bench', 'swarmlab-child.mjs');
const ANSIBLE_DIR = join(BENCH, 'ansible');
const LIMIT_SCRIPT = join(BENCH, 'limit', 'swarm.sh');
const RESULTS_JSON = join(BENCH, 'results.json');
const RESULTS_MD = join(BENCH, 'RESULTS.md');
const TERMINAL_BENCH = join(BENCH, 'terminal-throughput.ts');

const log = (line: string): void => {
  process.stderr.write(
    `[bench ${new Date().toISOString().slice(11, 19)} load ${load1()}] ${line}\n`,
  );
};

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
    fanout: { type: 'string', default: '1,10,50,100' },
    'fanout-runs': { type: 'string', default: '3' },
  },
});
const RUNS = Number(flags.runs);
const SECTIONS = new Set((flags.only ?? 'e2e,fanout,terminal').split(','));
const FANOUT_SIZES = (flags.fanout ?? '').split(',').map(Number);
const FANOUT_RUNS = Number(flags['fanout-runs']);

// ---------------------------------------------------------------------------------------------
// Tools

/**
 * What the bench needs beyond the lab's own tools (which `labUp` installs): the contenders, and
 * Chromium with a CJK font for the terminal bench. A fresh machine lacks them; the lab's
 * installer puts them in as root where apt-get is, and otherwise says what to install.
 */
const BENCH_TOOLS: readonly RequiredTool[] = [
  ...REQUIRED_TOOLS,
  { command: 'ansible-playbook', debianPackage: 'ansible' },
  { command: 'sshpass', debianPackage: 'sshpass' },
  { file: '/usr/sbin/sshd', debianPackage: 'openssh-server' },
  { command: 'ssh', debianPackage: 'openssh-client' },
  { file: '/usr/bin/time', debianPackage: 'time' },
  { command: 'chromium', debianPackage: 'chromium' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', debianPackage: 'fonts-wqy-microhei' },
];

async function versions(lab: LabInfo | undefined): Promise<Results['versions']> {
  const first = async (argv: string[]) => {
    const result = await timedRun(argv);
    return `${result.stdout}${result.stderr}`.trim().split('\n')[0] ?? '';
  };
  // `ansible-galaxy collection list --format json`: { "<path>": { "community.docker": { version } } }
  let communityDocker = 'unknown';
  const listed = await timedRun([
    'ansible-galaxy',
    'collection',
    'list',
    'community.docker',
    '--format',
    'json',
  ]);
  try {
    const byPath = JSON.parse(listed.stdout) as Record<string, Record<string, { version: string }>>;
    communityDocker =
      Object.values(byPath).flatMap((collections) =>
        Object.values(collections).map((entry) => entry.version),
      )[0] ?? 'unknown';
  } catch {
    // An older ansible-galaxy without --format: leave it unknown rather than guess.
  }
  let dockerInHosts = 'not measured';
  const manager = lab?.hosts[0];
  if (manager) {
    const result = await hostExec(manager.name, [
      'sh',
      '-c',
      "docker version --format '{{.Server.Version}}' 2>/dev/null || dpkg-query -W -f '${Version}' docker.io",
    ]).catch(() => undefined);
    if (result?.stdout.trim()) dockerInHosts = result.stdout.trim();
  }
  return {
    node: process.version,
    swarmlab: SWARMLAB_VERSION,
    ansible: await first(['ansible', '--version']),
    communityDocker,
    openssh: await first(['ssh', '-V']),
    dockerInHosts,
  };
}

// ---------------------------------------------------------------------------------------------
// End to end on lab hosts

interface Workspace {
  dir: string;
  lab: LabInfo;
  inventoryFile: string;
  ansibleInventory: string;
  env: NodeJS.ProcessEnv;
}

async function workspace(lab: LabInfo): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), 'swarmlab-bench-'));
  const inventoryFile = join(dir, 'lab.yaml');
  await writeFile(inventoryFile, saveInventory(labInventory(lab)), { mode: 0o600 });
  const ansibleInventory = join(dir, 'ansible-hosts.yml');
  // Passwords stay in the environment; the inventory only says where to find them.
  const entry = (index: number) => {
    const host = lab.hosts[index];
    const name = `node${String(index + 1).padStart(2, '0')}`;
    return `        ${name}: { ansible_host: ${host?.address}, node_hostname: ${name}, ansible_password: "{{ lookup('env', 'SWARMLAB_LAB_PASSWORD_${index + 1}') }}" }`;
  };
  await writeFile(
    ansibleInventory,
    [
      'all:',
      '  vars: { ansible_user: root }',
      '  children:',
      '    managers:',
      '      hosts:',
      entry(0),
      '    workers:',
      '      hosts:',
      ...lab.hosts.slice(1).map((_, index) => entry(index + 1)),
      '',
    ].join('\n'),
  );
  await mkdir(join(dir, 'ansible-cp'), { mode: 0o700 });
  return {
    dir,
    lab,
    inventoryFile,
    ansibleInventory,
    env: { ...process.env, ...labPasswordEnv(lab) },
  };
}

function ansibleEnv(ws: Workspace): NodeJS.ProcessEnv {
  return {
    ...ws.env,
    ANSIBLE_CONFIG: join(ANSIBLE_DIR, 'ansible.cfg'),
    ANSIBLE_SSH_CONTROL_PATH_DIR: join(ws.dir, 'ansible-cp'),
    // Keeps root's ~/.ssh/known_hosts untouched.
    ANSIBLE_SSH_EXTRA_ARGS: `-o UserKnownHostsFile=${join(ws.dir, 'known_hosts')}`,
  };
}

/**
 * Closes the ssh masters Ansible leaves behind (ControlPersist), so every run starts cold like
 * the other contenders' and no ssh process outlives the bench.
 */
async function closeAnsibleMasters(ws: Workspace): Promise<void> {
  const dir = join(ws.dir, 'ansible-cp');
  for (const socket of await readdir(dir).catch(() => [] as string[])) {
    await timedRun(['ssh', '-o', `ControlPath=${join(dir, socket)}`, '-O', 'exit', 'bench']);
  }
}

/** A fresh app home for a swarmlab run: no key pair, no known hosts, like a new user. */
async function freshHome(ws: Workspace): Promise<string> {
  return mkdtemp(join(ws.dir, 'home-'));
}

async function freshHosts(ws: Workspace): Promise<void> {
  await resetHosts(ws.lab.hosts.map((host) => host.name));
  // Warm apt cache for everyone: the base caches docker.io; Ansible also needs python3 and
  // python3-docker, which are downloaded here (untimed) so no contender waits on the network.
  await Promise.all(
    ws.lab.hosts.map((host) =>
      hostExec(host.name, [
        'sh',
        '-c',
        'DEBIAN_FRONTEND=noninteractive apt-get install -y -q --download-only python3 python3-docker >/dev/null',
      ]),
    ),
  );
}

/** Did the contender leave a swarm of every host, Ready, with the overlay network? */
async function swarmState(ws: Workspace): Promise<string> {
  const manager = ws.lab.hosts[0];
  if (!manager) return 'no manager';
  const nodes = await hostExec(manager.name, [
    'docker',
    'node',
    'ls',
    '--format',
    '{{.Hostname}} {{.Status}}',
  ]).catch(() => undefined);
  const network = await hostExec(manager.name, [
    'docker',
    'network',
    'inspect',
    '--format',
    '{{.Driver}} {{.Attachable}}',
    'swarmlab-net',
  ]).catch(() => undefined);
  const ready = (nodes?.stdout ?? '')
    .split('\n')
    .filter((line) => / Ready$/.test(line.trim())).length;
  const expected = ws.lab.hosts.length;
  const problems = [
    ...(ready === expected ? [] : [`${ready}/${expected} nodes Ready`]),
    ...(network?.stdout.trim() === 'overlay true' ? [] : ['no attachable overlay swarmlab-net']),
  ];
  return problems.length === 0 ? 'ok' : problems.join(', ');
}

interface Measured {
  wallMs: number;
  /** Inside the tool, where it says: swarmlab's run-started → run-finished. */
  innerMs?: number;
  steps?: Record<string, number>;
  state: string;
  load: number;
}

type ContenderId = 'swarmlab' | 'swarmlab-steps' | 'ansible' | 'limit';

async function runContender(
  id: ContenderId,
  ws: Workspace,
  options: { home?: string } = {},
): Promise<Measured & { home?: string }> {
  const load = load1();
  const runDir = await mkdtemp(join(ws.dir, `${id}-`));
  let result: Timed;
  let innerMs: number | undefined;
  let steps: Record<string, number> | undefined;
  const home = options.home ?? (id.startsWith('swarmlab') ? await freshHome(ws) : undefined);
  switch (id) {
    case 'swarmlab': {
      result = await timedRun(
        [process.execPath, CLI, 'apply', '-f', ws.inventoryFile, '--yes', '--report', runDir],
        { env: { ...ws.env, SWARMLAB_HOME: home } },
      );
      const events = (await readFile(join(runDir, 'journal.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as RunEvent);
      const started = events.find((event) => event.type === 'run-started')?.at ?? 0;
      const finished = events.find((event) => event.type === 'run-finished')?.at ?? 0;
      innerMs = finished - started;
      steps = stepMaxima(events);
      break;
    }
    case 'swarmlab-steps': {
      const spec: ChildSpec = {
        mode: 'steps',
        inventoryFile: ws.inventoryFile,
        journalPath: join(runDir, 'journal.jsonl'),
      };
      result = await timedRun([process.execPath, CHILD, JSON.stringify(spec)], {
        env: { ...ws.env, SWARMLAB_HOME: home },
      });
      if (result.exitCode === 0) {
        const child = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
        innerMs = child.runMs;
        steps = Object.fromEntries(
          Object.entries(child.steps).map(([step, entry]) => [step, entry.maxMs]),
        );
      }
      break;
    }
    case 'ansible':
      result = await timedRun(
        ['ansible-playbook', '-i', ws.ansibleInventory, join(ANSIBLE_DIR, 'site.yml')],
        { env: ansibleEnv(ws), cwd: ANSIBLE_DIR },
      );
      await closeAnsibleMasters(ws);
      break;
    case 'limit':
      result = await timedRun(['bash', LIMIT_SCRIPT, ...ws.lab.hosts.map((host) => host.address)], {
        env: ws.env,
      });
      break;
  }
  if (result.exitCode !== 0) {
    log(
      `${id} exited with ${result.exitCode}:\n${result.stderr.slice(-3000)}\n${result.stdout.slice(-3000)}`,
    );
  }
  const state = result.exitCode === 0 ? await swarmState(ws) : `exit ${result.exitCode}`;
  log(
    `${id}: ${(result.wallMs / 1000).toFixed(1)} s${innerMs ? ` (inside ${(innerMs / 1000).toFixed(1)} s)` : ''}, swarm ${state}`,
  );
  return {
    wallMs: result.wallMs,
    ...(innerMs !== undefined ? { innerMs } : {}),
    ...(steps ? { steps } : {}),
    state,
    load,
    ...(home ? { home } : {}),
  };
}

/** The longest host's duration of each step: where the time of a run goes. */
function stepMaxima(events: readonly RunEvent[]): Record<string, number> {
  const maxima: Record<string, number> = {};
  for (const event of events) {
    if (event.type === 'step-finished')
      maxima[event.step] = Math.max(maxima[event.step] ?? 0, event.durationMs);
  }
  return maxima;
}

function contender(label: string, measured: readonly Measured[]): E2eContender {
  const ok = measured.filter((run) => run.state === 'ok');
  const stepNames = [...new Set(ok.flatMap((run) => Object.keys(run.steps ?? {})))];
  return {
    label,
    wallMs: series(ok.map((run) => run.wallMs)),
    ...(ok.some((run) => run.innerMs !== undefined)
      ? { innerMs: series(ok.flatMap((run) => (run.innerMs === undefined ? [] : [run.innerMs]))) }
      : {}),
    loads: measured.map((run) => run.load),
    failed: measured.filter((run) => run.state !== 'ok').map((run) => run.state),
    ...(stepNames.length > 0
      ? {
          stepMedianMs: Object.fromEntries(
            stepNames.map((step) => [step, series(ok.map((run) => run.steps?.[step] ?? 0)).median]),
          ),
        }
      : {}),
  };
}

async function endToEnd(lab: LabInfo): Promise<Pick<Results, 'e2e' | 'rerun'>> {
  const ws = await workspace(lab);
  const order: ContenderId[] = ['swarmlab', 'swarmlab-steps', 'ansible', 'limit'];
  const measured = new Map<ContenderId, Measured[]>(order.map((id) => [id, []]));
  const reruns = new Map<ContenderId, Measured[]>();
  try {
    // Rounds interleave the contenders, so a change in the machine's load hits them alike.
    for (let round = 1; round <= RUNS; round += 1) {
      for (const id of order) {
        log(`round ${round}/${RUNS}: ${id} on fresh hosts`);
        await freshHosts(ws);
        const run = await runContender(id, ws);
        measured.get(id)?.push(run);
        // After the last round, the finished swarm is set up again: nothing to change.
        if (round === RUNS && id !== 'limit' && run.state === 'ok') {
          const again: Measured[] = [];
          for (let rerun = 1; rerun <= RUNS; rerun += 1) {
            log(`rerun ${rerun}/${RUNS}: ${id} on its finished swarm`);
            again.push(await runContender(id, ws, run.home ? { home: run.home } : {}));
          }
          reruns.set(id, again);
        }
      }
    }
  } finally {
    await closeAnsibleMasters(ws);
    await rm(ws.dir, { recursive: true, force: true });
  }
  const labels: Record<ContenderId, string> = {
    swarmlab: 'swarmlab apply (full: preflight, key exchange, time sync, verification, report)',
    'swarmlab-steps': 'swarmlab, same steps as the playbook',
    ansible: 'Ansible playbook (bench/ansible/site.yml)',
    limit: 'plain shell over ssh, all hosts in parallel (bench/limit/swarm.sh)',
  };
  return {
    e2e: {
      runs: RUNS,
      hosts: lab.hosts.length,
      contenders: Object.fromEntries(
        order.map((id) => [id, contender(labels[id], measured.get(id) ?? [])]),
      ),
    },
    rerun: {
      runs: RUNS,
      contenders: Object.fromEntries(
        [...reruns.entries()].map(([id, runs]) => [id, contender(labels[id], runs)]),
      ),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Fan-out on loopback endpoints

type LoopbackSshd = Awaited<ReturnType<typeof startLoopbackSshd>>;

/** What one size of the fan-out needs: its endpoints, and the files each contender reads. */
interface FanoutSetup {
  size: number;
  addresses: string[];
  plan: Parameters<typeof peersToProbe>[1];
  /** One "address script" line per endpoint, for xargs. */
  listFile: string;
  scriptFiles: string[];
  /** An Ansible inventory of the same endpoints. */
  inventory: string;
}

async function fanoutSetup(sshd: LoopbackSshd, dir: string, size: number): Promise<FanoutSetup> {
  const addresses = sshd.addresses.slice(0, size);
  const plan = addresses.map((address, index) => ({
    id: `host${index + 1}`,
    address,
    port: sshd.port,
    user: 'root',
    role: index === 0 ? ('manager' as const) : ('worker' as const),
  }));
  // The plain probe sends each host the very script swarmlab's preflight sends it.
  const scripts = join(dir, `scripts-${size}`);
  await mkdir(scripts);
  const list: string[] = [];
  const scriptFiles: string[] = [];
  for (const [index, host] of plan.entries()) {
    const file = join(scripts, `${index + 1}.sh`);
    await writeFile(file, factsProbeScript(peersToProbe(host, plan)));
    list.push(`${host.address} ${file}`);
    scriptFiles.push(file);
  }
  const listFile = join(scripts, 'list');
  await writeFile(listFile, `${list.join('\n')}\n`);
  const inventory = join(dir, `hosts-${size}.ini`);
  await writeFile(inventory, `${addresses.join('\n')}\n`);
  return { size, addresses, plan, listFile, scriptFiles, inventory };
}

interface SwarmlabFanoutRun {
  wallMs: number;
  runMs: number;
  hwmKb: number;
  status: string;
  load: number;
}
interface AnsweredRun {
  wallMs: number;
  load: number;
  answered: number;
}

/** swarmlab's preflight over every endpoint, in a child process of its own. */
async function timeSwarmlabPreflight(
  setup: FanoutSetup,
  sshd: LoopbackSshd,
  dir: string,
): Promise<SwarmlabFanoutRun> {
  const home = await mkdtemp(join(dir, 'home-'));
  const spec: ChildSpec = {
    mode: 'preflight',
    addresses: setup.addresses,
    port: sshd.port,
    keyFile: sshd.keyFile,
    journalPath: join(home, 'journal.jsonl'),
  };
  const load = load1();
  const child = await timedRun([process.execPath, CHILD, JSON.stringify(spec)], {
    env: { ...process.env, SWARMLAB_HOME: home },
  });
  if (child.exitCode !== 0)
    throw new Error(`swarmlab preflight failed: ${child.stderr.slice(-3000)}`);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
  log(
    `  swarmlab preflight: ${(result.runMs / 1000).toFixed(2)} s in the engine, ${(child.wallMs / 1000).toFixed(2)} s process, peak ${(result.hwmKb / 1024).toFixed(1)} MiB, ${result.status}${result.failures.length ? ` (${result.failures[0]})` : ''}`,
  );
  return {
    wallMs: child.wallMs,
    runMs: result.runMs,
    hwmKb: result.hwmKb,
    status: result.status,
    load,
  };
}

/** The limit: the same probe script through plain `ssh`, every endpoint at once. */
async function timePlainSsh(setup: FanoutSetup, sshd: LoopbackSshd): Promise<AnsweredRun> {
  const load = load1();
  const plain = await timedRun([
    'xargs',
    '-a',
    setup.listFile,
    '-P',
    String(setup.size),
    '-L',
    '1',
    'sh',
    '-c',
    `exec ssh -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -i ${sshd.keyFile} -p ${sshd.port} root@"$0" sh < "$1" > "$1.out"`,
  ]);
  let answered = 0;
  for (const file of setup.scriptFiles) {
    const out = await readFile(`${file}.out`, 'utf8').catch(() => '');
    if (out.includes('end=1')) answered += 1;
  }
  log(
    `  plain parallel ssh: ${(plain.wallMs / 1000).toFixed(2)} s, ${answered}/${setup.size} answered`,
  );
  return { wallMs: plain.wallMs, load, answered };
}

/** Ansible's fact gathering over the same endpoints, then its ControlMaster sockets closed. */
async function timeAnsibleSetup(
  setup: FanoutSetup,
  sshd: LoopbackSshd,
  dir: string,
): Promise<AnsweredRun> {
  const load = load1();
  const facts = await timedRun(
    [
      'ansible',
      'all',
      '-i',
      setup.inventory,
      '-u',
      'root',
      '--private-key',
      sshd.keyFile,
      '-e',
      `ansible_port=${sshd.port}`,
      '-m',
      'ansible.builtin.setup',
      '-f',
      '50',
    ],
    {
      env: {
        ...process.env,
        ANSIBLE_CONFIG: join(ANSIBLE_DIR, 'ansible.cfg'),
        ANSIBLE_SSH_CONTROL_PATH_DIR: join(dir, 'cp'),
        ANSIBLE_SSH_EXTRA_ARGS: '-o UserKnownHostsFile=/dev/null',
      },
    },
  );
  const answered = (facts.stdout.match(/ \| SUCCESS =>/g) ?? []).length;
  for (const socket of await readdir(join(dir, 'cp'))) {
    await timedRun(['ssh', '-o', `ControlPath=${join(dir, 'cp', socket)}`, '-O', 'exit', 'bench']);
  }
  log(
    `  ansible -m setup -f 50: ${(facts.wallMs / 1000).toFixed(2)} s, ${answered}/${setup.size} answered`,
  );
  return { wallMs: facts.wallMs, load, answered };
}

function answeredSeries(runs: readonly AnsweredRun[]): FanoutPoint['ssh'] {
  return {
    wallMs: series(runs.map((run) => run.wallMs)),
    answered: runs.map((run) => run.answered),
    loads: runs.map((run) => run.load),
  };
}

/** One size of the fan-out: the three contenders in turn, FANOUT_RUNS times. */
async function fanoutPoint(sshd: LoopbackSshd, dir: string, size: number): Promise<FanoutPoint> {
  const setup = await fanoutSetup(sshd, dir, size);
  const swarmlab: SwarmlabFanoutRun[] = [];
  const ssh: AnsweredRun[] = [];
  const ansible: AnsweredRun[] = [];
  for (let run = 1; run <= FANOUT_RUNS; run += 1) {
    log(`fan-out ${size} endpoints, run ${run}/${FANOUT_RUNS}`);
    swarmlab.push(await timeSwarmlabPreflight(setup, sshd, dir));
    ssh.push(await timePlainSsh(setup, sshd));
    ansible.push(await timeAnsibleSetup(setup, sshd, dir));
  }
  const first = setup.plan[0];
  return {
    endpoints: size,
    peersProbedPerHost: first ? peersToProbe(first, setup.plan).length : 0,
    swarmlab: {
      runMs: series(swarmlab.map((run) => run.runMs)),
      processMs: series(swarmlab.map((run) => run.wallMs)),
      peakKb: series(swarmlab.map((run) => run.hwmKb)),
      statuses: swarmlab.map((run) => run.status),
      loads: swarmlab.map((run) => run.load),
    },
    ssh: answeredSeries(ssh),
    ansible: answeredSeries(ansible),
  };
}

async function fanout(): Promise<Results['fanout']> {
  const sshd = await startLoopbackSshd(Math.max(...FANOUT_SIZES));
  const dir = await mkdtemp(join(tmpdir(), 'swarmlab-bench-fanout-'));
  await mkdir(join(dir, 'cp'), { mode: 0o700 });
  const points: FanoutPoint[] = [];
  try {
    for (const size of FANOUT_SIZES) points.push(await fanoutPoint(sshd, dir, size));
  } finally {
    await sshd.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return { runs: FANOUT_RUNS, points };
}

// ---------------------------------------------------------------------------------------------
// Terminal throughput (bench/terminal-throughput.ts)

async function terminal(): Promise<Results['terminal']> {
  if (!existsSync(TERMINAL_BENCH)) return { pending: true };
  // The fan-out's hundred endpoints leave the load high for a while; the renderer is CPU-bound.
  for (let waited = 0; waited < 120 && load1() > 2; waited += 5) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  log('terminal throughput (bench/terminal-throughput.ts)');
  const argv = [process.execPath, '--import', 'tsx', TERMINAL_BENCH, '--runs', String(RUNS)];
  const result = await timedRun(argv, {
    cwd: ROOT,
    echo: '  terminal:',
  });
  const lines = result.stdout.trim().split('\n');
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    try {
      return {
        pending: false,
        exitCode: result.exitCode,
        figures: JSON.parse(lines.slice(index).join('\n')) as unknown,
      };
    } catch {
      // Not JSON from here: look further up.
    }
  }
  return {
    pending: false,
    exitCode: result.exitCode,
    error: result.stderr.slice(-2000) || 'no JSON on stdout',
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * swarmlab runs as users get it: the CLI from its bundle (`npm run build`), and the engine-only
 * child bundled the same way, so neither pays for compiling TypeScript at start-up.
 */
async function buildSwarmlab(): Promise<void> {
  await mustRun([process.execPath, join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT });
  await esbuild({
    entryPoints: [CHILD_SOURCE],
    outfile: CHILD,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

async function main(): Promise<void> {
  log(`lab slot ${LAB_SLOT}; runs ${RUNS}; sections ${[...SECTIONS].join(', ')}`);
  await ensureTools(BENCH_TOOLS, log, { withRecommends: true });
  await buildSwarmlab();
  const previous = existsSync(RESULTS_JSON)
    ? (JSON.parse(await readFile(RESULTS_JSON, 'utf8')) as Partial<Results>)
    : {};
  const machine = await machineInfo();
  // Sections kept from an earlier invocation keep the machine's state of their own time.
  for (const section of ['e2e', 'fanout'] as const) {
    const kept = previous[section];
    if (kept && !SECTIONS.has(section) && !kept.machine && previous.machine)
      kept.machine = previous.machine;
  }
  const results: Results = { ...previous, machine, labSlot: LAB_SLOT } as Results;

  let lab: LabInfo | undefined;
  let startedLab = false;
  try {
    if (SECTIONS.has('e2e')) {
      startedLab = !(await labStatus()).up;
      log(startedLab ? 'starting 3 lab hosts' : 'using the running lab');
      lab = await labUp({ hosts: 3, log: (line) => log(`lab: ${line}`) });
      Object.assign(results, await endToEnd(lab));
    }
    if (SECTIONS.has('fanout')) results.fanout = await fanout();
    if (SECTIONS.has('terminal')) results.terminal = await terminal();
    const measured = await versions(lab);
    // Docker's version is read from the lab hosts, which only the e2e section starts.
    if (!lab && previous.versions) measured.dockerInHosts = previous.versions.dockerInHosts;
    results.versions = measured;
    if (results.e2e && SECTIONS.has('e2e')) results.e2e.machine = machine;
    if (results.fanout && SECTIONS.has('fanout')) results.fanout.machine = machine;
    results.machine.loadAverageAfter = (await machineInfo()).loadAverage;
  } finally {
    if (startedLab) {
      log('stopping the lab the bench started');
      await labDown();
    }
  }
  await writeFile(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(RESULTS_MD, renderResults(results));
  log(`wrote ${RESULTS_MD} and ${RESULTS_JSON}`);
}

await main();
