/**
 * The preflight row that says where Docker will come from on a host, or that the chosen source
 * cannot work on its system (CentOS with `install: distro`, say), before anything changes.
 */
import { localized } from '../../../shared/messages';
import type { PreflightCheck } from '../../../shared/checks';
import { localizedWords } from '../../facts/checks/check';
import type { HostFacts } from '../../facts/facts';
import { StepFailure } from '../step';
import { dockerInstallPlan } from './plan';
import type { DockerInstallOptions } from './sources';

export function dockerSourceCheck(
  facts: HostFacts,
  docker: DockerInstallOptions,
): PreflightCheck | undefined {
  // An offline bundle is read from this machine's disk when the install step runs.
  if (docker.install === 'offline') return undefined;
  try {
    const plan = dockerInstallPlan(facts, docker);
    return {
      id: 'docker-source',
      status: 'pass',
      ...localizedWords(localized('checks.docker-source.from', { summary: plan.summary })),
    };
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error;
    return {
      id: 'docker-source',
      status: 'fail',
      ...localizedWords(
        localized('checks.docker-source.impossible', {
          install: docker.install,
          // The failure's own words, without the fix it carries (shown as the row's fix).
          reason: error.reason,
        }),
        error.remedy,
      ),
    };
  }
}
