import type { FileTransfers } from '../../terminals/file-transfers';
import { implement, type ChannelsOf } from './types';

export function fileHandlers(files: FileTransfers) {
  return implement<ChannelsOf<'files'>>({
    'files:list': (request) => files.list(request),
    'files:upload': (request, context) =>
      files.upload(request, (event) => context.sendEvent('files:transfer', event)),
    'files:download': (request, context) =>
      files.download(request, (event) => context.sendEvent('files:transfer', event)),
    'files:cancel': ({ transfer }) => ({ cancelled: files.cancel(transfer) }),
  });
}
