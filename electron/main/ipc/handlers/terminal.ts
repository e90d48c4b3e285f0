import type { TerminalManager } from '../../terminals/terminal-manager';
import { implement, type ChannelsOf } from './types';

export function terminalHandlers(terminals: TerminalManager) {
  return implement<ChannelsOf<'terminal'>>({
    'terminal:open': (request, context) =>
      terminals.open(request, (event) => context.sendEvent('terminal:event', event)),
    'terminal:frame': (frame) => terminals.frame(frame),
  });
}
