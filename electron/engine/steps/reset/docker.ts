/**
 * `--uninstall-docker`: removes the Docker packages swarmlab installed on a host that had none
 * (the record docker-install left). Docker that was there before is kept, and so are images
 * and volumes in /var/lib/docker: package removal does not touch them.
 */
import { localized, localizedList } from '../../../shared/messages';
import { shellQuote } from '../../shell/quote';
import type { DockerInstallRecord } from '../docker-install';
import { removePackagesScript } from '../docker-install/script';
import { DOCKER_INSTALL_RECORD } from '../originals';
import { StepFailure, type StepDefinition } from '../step';
import { isReset, type ResetOptions } from './reset';

/** The record as docker-install wrote it, or undefined when there is none or it is not one. */
export function parseInstallRecord(text: string | null): DockerInstallRecord | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<DockerInstallRecord>;
    const installers = ['apt-get', 'dnf', 'yum'];
    if (
      typeof parsed.installer === 'string' &&
      installers.includes(parsed.installer) &&
      Array.isArray(parsed.packages) &&
      parsed.packages.every(
        (name) => typeof name === 'string' && /^[a-z0-9][a-z0-9.+-]*$/.test(name),
      )
    ) {
      return { installer: parsed.installer, packages: parsed.packages };
    }
  } catch {
    // Not JSON: treated as no record, and said so.
  }
  return undefined;
}

export const resetDockerStep: StepDefinition<DockerInstallRecord | undefined, ResetOptions> = {
  id: 'reset-docker',
  title: localized('steps.reset-docker.title'),
  explanation: localized('steps.reset-docker.explanation'),
  appliesTo: (host, _hosts, options) => isReset(host, options) && options.reset.uninstallDocker,

  probe: async (ctx) =>
    parseInstallRecord(await ctx.remote.readFile(DOCKER_INSTALL_RECORD, { sudo: true })),
  decide(record, ctx) {
    if (!record) {
      ctx.warn(localized('failures.reset.dockerNotOurs'));
      return { kind: 'ok', message: localized('outcomes.reset.dockerKept') };
    }
    return {
      kind: 'change',
      changes: [
        localized('outcomes.reset.removeDocker', { packages: localizedList(record.packages) }),
      ],
    };
  },
  async apply(ctx, record) {
    if (!record) return;
    await ctx.remote.exec(removePackagesScript(record.installer, record.packages), {
      sudo: true,
      timeoutMs: 600_000,
    });
    await ctx.remote.exec(`rm -f ${shellQuote(DOCKER_INSTALL_RECORD)}`, { sudo: true });
  },
  async verify(ctx, before, changed) {
    if (!changed) return { removed: [] };
    const left = await ctx.remote.exec('command -v dockerd || true', { sudo: true });
    if (left.stdout.trim() !== '') {
      throw new StepFailure(localized('failures.reset.dockerdLeft', { path: left.stdout.trim() }));
    }
    return { removed: before?.packages ?? [] };
  },
};
