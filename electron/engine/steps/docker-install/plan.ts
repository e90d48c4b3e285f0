/**
 * The plan: everything a host receives to install Docker, chosen by source, and the same plan
 * as one standalone script (the form the golden tests pin).
 */
import { localized } from '../../../shared/messages';
import { basename } from 'node:path';
import type { HostFacts } from '../../facts/facts';
import { commentText, heredocDelimiter } from '../../shell/escape';
import { shellQuote } from '../../shell/quote';
import { distroPlan } from './distro';
import { offlinePlan } from './offline';
import type { OfflineBundle } from './offline-bundle';
import { repoPlan } from './repo';
import type { DockerInstallOptions } from './sources';
import type { DockerInstallPlan } from './plan-shape';
import { dockerSystemOf, type DockerSystem } from './system';

export type { DockerInstallPlan, PlanFile, PlanUpload } from './plan-shape';

function skipPlan(system: DockerSystem): DockerInstallPlan {
  return {
    source: 'skip',
    summary: localized('plans.dockerSource.preinstalled'),
    format: system.format,
    installer: system.installer,
    enginePackage: undefined,
    dockerdPath: '',
    expectedVersion: undefined,
    conflicts: [],
    prepare: '',
    uploads: [],
    files: [],
    install: '',
  };
}

/**
 * What to send to a host to install Docker from the chosen source. Pure; throws StepFailure
 * (with the fix) for combinations that cannot work.
 */
export function dockerInstallPlan(
  facts: Pick<HostFacts, 'os' | 'arch' | 'packageManager'>,
  docker: DockerInstallOptions,
  bundle?: OfflineBundle,
): DockerInstallPlan {
  const system = dockerSystemOf(facts);
  switch (docker.install) {
    case 'official':
    case 'mirror':
      return repoPlan(system, docker);
    case 'distro':
      return distroPlan(system, docker);
    case 'offline':
      return offlinePlan(system, docker, bundle);
    case 'skip':
      return skipPlan(system);
  }
}

/**
 * The whole install as one standalone script, in the order the step runs it: the form the
 * golden tests pin and the one a person can read (or run by hand) to reproduce the step.
 * Files the step writes over SFTP appear as here-documents; uploads as comments.
 */
export function dockerInstallScript(plan: DockerInstallPlan): string {
  const body = (text: string) => text.replace(/^set -eu\n/, '');
  const parts = [
    '#!/bin/sh',
    `# swarmlab docker-install: ${commentText(plan.summary.en)}`,
    'set -eu',
  ];
  if (plan.prepare) parts.push('', '# -- prepare', body(plan.prepare).trimEnd());
  if (plan.uploads.length > 0) {
    parts.push('', '# -- copied over SFTP from this machine:');
    for (const upload of plan.uploads) {
      parts.push(`#    ${commentText(`${basename(upload.localPath)} -> ${upload.remotePath}`)}`);
    }
  }
  for (const file of plan.files) {
    const mode = file.mode.toString(8).padStart(4, '0');
    const body = file.content.trimEnd();
    // A line equal to the delimiter would end the document early; the rest would run.
    const delimiter = heredocDelimiter(body);
    parts.push(
      '',
      `# -- written over SFTP (mode ${mode})`,
      `cat > ${shellQuote(file.path)} <<'${delimiter}'`,
      body,
      delimiter,
      `chmod ${mode} ${shellQuote(file.path)}`,
    );
  }
  if (plan.install) parts.push('', '# -- install', body(plan.install).trimEnd());
  return parts.join('\n') + '\n';
}
