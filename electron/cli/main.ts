import { Command, CommanderError } from 'commander';
import { registerApplyCommand } from './commands/apply';
import { registerCheckCommand } from './commands/check';
import { registerCpCommand } from './commands/cp';
import { registerDemoCommand } from './commands/demo';
import { registerInventoryCommand } from './commands/inventory';
import { registerKnownHostsCommand } from './commands/known-hosts';
import { registerLabCommand } from './commands/lab';
import { registerPlanCommand } from './commands/plan';
import { registerPracticeCommand } from './commands/practice';
import { registerRemoveCommand } from './commands/remove';
import { registerReportCommand } from './commands/report';
import { registerResetCommand } from './commands/reset';
import { registerSshCommand } from './commands/ssh';
import { terminalSafe } from '../engine/text/terminal-safe';
import { SWARMLAB_VERSION } from '../engine/version';

/** Builds the `swarmlab` command tree. Each command lives in its own file under commands/. */
export function buildProgram(): Command {
  const program = new Command('swarmlab')
    .description('Turn bare Linux hosts into a verified Docker Swarm.')
    .version(SWARMLAB_VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerApplyCommand(program);
  registerCheckCommand(program);
  registerCpCommand(program);
  registerDemoCommand(program);
  registerInventoryCommand(program);
  registerKnownHostsCommand(program);
  registerLabCommand(program);
  registerPlanCommand(program);
  registerPracticeCommand(program);
  registerRemoveCommand(program);
  registerReportCommand(program);
  registerResetCommand(program);
  registerSshCommand(program);
  return program;
}

/** Runs the CLI and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed.
      return error.exitCode;
    }
    // An error may quote a host (what sshd said before hanging up): printed terminal-safe.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`swarmlab: ${terminalSafe(message)}\n`);
    return 1;
  }
}
