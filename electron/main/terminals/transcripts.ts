/**
 * Where the app's terminal sessions are recorded: beside the journal of the run they belong to
 * (the one going on, else the last one), or in the app's own transcripts folder before any run.
 * Hidden in them: every secret of that run and of the inventory the terminal was opened with.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { OpenedTerminal } from '../../contract/terminal';
import { appDataDir } from '../../engine/app-paths';
import { resolveSecrets, secretValues, validateInventory } from '../../engine/inventory';
import { Redactor } from '../../engine/redact';
import { REMOTE_TERM } from '../../engine/terminal/ssh-shell';
import { TRANSCRIPTS_FOLDER, TranscriptWriter } from '../../engine/terminal/transcript';
import type { RunManager } from '../runs/run-manager';
import type { TranscriptRecorder } from './terminal-manager';

export function runTranscripts(runs: RunManager, env: NodeJS.ProcessEnv): TranscriptRecorder {
  return {
    async open(request, info) {
      if (request.record === false) return undefined;
      const run = runs.currentRun();
      const folder = join(run?.folder ?? appDataDir(env), TRANSCRIPTS_FOLDER);
      const secrets = run ? secretValues(run.secrets) : [];
      if (request.kind === 'node') {
        const checked = validateInventory(request.inventory);
        if (checked.ok) secrets.push(...secretValues(resolveSecrets(checked.inventory, env)));
      }
      const startedAt = new Date();
      const path = join(folder, transcriptName(info, startedAt));
      return TranscriptWriter.create(
        path,
        { ...request.size, title: titleOf(info), term: REMOTE_TERM, startedAt },
        new Redactor(secrets),
      );
    },
  };
}

/** `node01-2026-12-07T10-00-00-000Z-3fa1c2.cast`: the node first, so a folder listing groups them. */
export function transcriptName(info: Omit<OpenedTerminal, 'id'>, startedAt: Date): string {
  const who = (info.hostId ?? info.kind).replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80);
  // Two terminals on one node opened in the same millisecond still get a file each.
  const unique = randomBytes(3).toString('hex');
  return `${who}-${startedAt.toISOString().replace(/[:.]/g, '-')}-${unique}.cast`;
}

function titleOf(info: Omit<OpenedTerminal, 'id'>): string {
  return info.hostId ? `${info.hostId} (${info.label}, ${info.via})` : info.label;
}
