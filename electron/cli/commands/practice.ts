import type { Command } from 'commander';
import { join } from 'node:path';
import { readJournal, stepResults } from '../../engine/run/journal';
import { terminalSafe } from '../../engine/text/terminal-safe';
import {
  exerciseResultSchema,
  PRACTICE_EXERCISES,
  type ExerciseResult,
  type PracticeExercise,
} from '../../shared/practice';
import type { RunEvent } from '../../shared/run-events';
import { message } from '../../shared/messages';
import { loadInventoryOrExplain } from './apply';
import { runOperationFromCli } from './operation-options';

interface PracticeFlags {
  file: string;
  keep?: boolean;
  only?: string[];
  yes?: boolean;
  json?: boolean;
  report?: string;
}

/** Exercise names as people type them: `scale` for practice-scale. */
const SHORT_NAMES = PRACTICE_EXERCISES.map((id) => id.replace(/^practice-/, ''));

export function registerPracticeCommand(program: Command): void {
  program
    .command('practice')
    .description(
      "Run the tutorial's exercises on the finished swarm: create, scale, pin and ping services, and watch the load balancing.",
    )
    .requiredOption('-f, --file <inventory>', 'inventory file (YAML)')
    .option('--only <exercises...>', `run only these exercises: ${SHORT_NAMES.join(', ')}`)
    .option('--keep', 'leave the exercise services running (swarmlab-practice-…) to explore')
    .option('-y, --yes', 'trust host keys seen for the first time')
    .option('--json', 'print every run event as a JSON line on stdout')
    .option('--report <dir>', 'write the journal and the report into this folder')
    .action(async (flags: PracticeFlags) => {
      process.exitCode = await practice(flags);
    });
}

async function practice(flags: PracticeFlags): Promise<number> {
  const only = exercisesNamed(flags.only);
  if (!only) return 2;
  const inventory = await loadInventoryOrExplain(flags.file);
  if (!inventory) return 2;
  const ran = await runOperationFromCli(inventory, flags, {
    practice: { keep: flags.keep === true, only },
  });
  if (!ran) return 1;
  const { finished, runDir } = ran;
  if (!flags.json) {
    const results = exerciseResults(await readJournal(join(runDir, 'journal.jsonl')));
    process.stderr.write(results.map(exerciseText).join('\n'));
    process.stderr.write(`Journal and report: ${runDir}\n`);
  }
  return finished.status === 'succeeded' ? 0 : 1;
}

/** The exercises the user named (all by default), or undefined after saying which is unknown. */
function exercisesNamed(names: readonly string[] | undefined): PracticeExercise[] | undefined {
  if (!names || names.length === 0) return [...PRACTICE_EXERCISES];
  const chosen: PracticeExercise[] = [];
  for (const name of names) {
    const index = SHORT_NAMES.indexOf(name.replace(/^practice-/, ''));
    const id = PRACTICE_EXERCISES[index];
    if (!id) {
      process.stderr.write(
        `swarmlab: ${terminalSafe(JSON.stringify(name))} is not an exercise; the exercises are ${SHORT_NAMES.join(', ')}\n`,
      );
      return undefined;
    }
    chosen.push(id);
  }
  return chosen;
}

/** Each exercise's result, from its step's data in the journal. */
export function exerciseResults(events: readonly RunEvent[]): ExerciseResult[] {
  return stepResults(events, exerciseResultSchema);
}

/** One exercise for the terminal: title, each command and its output, the check, the notice. */
export function exerciseText(result: ExerciseResult): string {
  const title = message('en', `steps.${result.exercise}.title`);
  const lines = [`== ${title} ==`];
  for (const shown of result.commands) {
    lines.push(`$ ${terminalSafe(shown.command)}`);
    if (shown.output)
      lines.push(
        ...terminalSafe(shown.output)
          .split('\n')
          .map((l) => `  ${l}`),
      );
  }
  lines.push(`${result.passed ? '✓' : '✗'} ${terminalSafe(result.detail.en)}`);
  lines.push(`Notice: ${result.notice.en}`);
  if (result.kept.length > 0) lines.push(`Kept: ${result.kept.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
