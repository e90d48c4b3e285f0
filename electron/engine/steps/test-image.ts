import { localized } from '../../shared/messages';
import { readDockerSaveArchive } from '../images/docker-save';
import type { Inventory } from '../inventory/schema';
import { shellQuote } from '../shell/quote';
import { StepFailure, type StepDefinition } from './step';
import { purpose } from '../remote/purpose';

const REMOTE_ARCHIVE = '/tmp/swarmlab-test-image.tar';

/**
 * Loads the verification image from an archive on this computer onto every node, so the
 * test service runs without any registry (the lab's hosts reach none).
 */
export const testImageStep: StepDefinition<boolean, Inventory> = {
  id: 'test-image',
  title: localized('steps.test-image.title'),
  explanation: localized('steps.test-image.explanation'),
  appliesTo: (_host, _hosts, options) =>
    options.verify.enabled && options.verify.imageArchive !== undefined,

  async probe(ctx) {
    const result = await ctx.remote.exec(
      `docker image inspect ${shellQuote(ctx.options.verify.image)} >/dev/null`,
      { sudo: true, allowFailure: true, purpose: purpose('testImage') },
    );
    return result.exitCode === 0;
  },
  decide: (present, ctx) =>
    present
      ? { kind: 'ok' }
      : {
          kind: 'change',
          changes: [localized('outcomes.test-image.load', { image: ctx.options.verify.image })],
        },
  async apply(ctx) {
    // Checked here, before any byte leaves: only a docker save archive is sent to hosts.
    const path = ctx.options.verify.imageArchive ?? '';
    const archive = await readDockerSaveArchive(path);
    if (!archive.ok) {
      throw new StepFailure(
        localized('failures.test-image.badArchive', { path, problem: archive.problem }),
        localized('failures.test-image.badArchiveFix'),
      );
    }
    await ctx.remote.uploadFile(REMOTE_ARCHIVE, archive.content, { mode: 0o600, sudo: true });
    await ctx.remote.exec(`docker load -i ${REMOTE_ARCHIVE} && rm -f ${REMOTE_ARCHIVE}`, {
      sudo: true,
    });
  },
  async verify(ctx, probe, changed) {
    if (!(changed ? await testImageStep.probe(ctx) : probe)) {
      throw new StepFailure(
        localized('failures.test-image.notLoaded', { image: ctx.options.verify.image }),
        localized('failures.test-image.notLoadedFix'),
      );
    }
    return { image: ctx.options.verify.image };
  },
  preview: (_host, _facts, options) => ({
    commands: [`docker load -i ${REMOTE_ARCHIVE} && rm -f ${REMOTE_ARCHIVE}`],
    files: [],
    note: localized('plans.notes.imageUpload', {
      archive: options.verify.imageArchive ?? '',
      remote: REMOTE_ARCHIVE,
      image: options.verify.image,
    }),
  }),
};
