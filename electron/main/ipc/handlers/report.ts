import type { ReportExport, ReportFormat } from '../../../contract/api';
import { renderReport } from '../../../engine/report';
import { buildRunReport } from '../../../engine/report/run-report';
import { listTranscripts } from '../../../engine/terminal/transcript';
import type { RunManager } from '../../runs/run-manager';
import { implement, type ChannelsOf, type HandlerDeps } from './types';

/** File names and dialog filters of each report format. */
const REPORT_FILE_KINDS: Record<ReportFormat, { name: string; extension: string }> = {
  html: { name: 'HTML', extension: 'html' },
  md: { name: 'Markdown', extension: 'md' },
  json: { name: 'JSON', extension: 'json' },
  pdf: { name: 'PDF', extension: 'pdf' },
  sh: { name: 'Shell script', extension: 'sh' },
};

export function reportHandlers(deps: HandlerDeps, runs: RunManager) {
  return implement<ChannelsOf<'report'>>({
    'report:build': ({ runId }) => buildRunReport(runs.events(runId)),
    'report:export': async ({ runId, format, lang }): Promise<ReportExport> => {
      const events = runs.events(runId);
      const transcripts = await listTranscripts(runs.folderOf(runId));
      const started = buildRunReport(events).startedAt.slice(0, 10);
      const kind = REPORT_FILE_KINDS[format];
      let content: string | Buffer;
      if (format === 'pdf') {
        if (!deps.printPdf) {
          return {
            status: 'unavailable',
            message: 'No PDF printer is available here: export HTML and print it from a browser.',
          };
        }
        const html = await renderReport(events, {
          format: 'html',
          lang: lang ?? 'en',
          transcripts,
        });
        content = await deps.printPdf(String(html));
      } else {
        content = await renderReport(events, { format, lang: lang ?? 'en', transcripts });
      }
      const path = await deps.dialogs.saveFile({
        title: 'Save report',
        defaultName: `swarmlab-report-${started}.${kind.extension}`,
        filters: [{ name: kind.name, extensions: [kind.extension] }],
        content,
      });
      return path ? { status: 'saved', path } : { status: 'cancelled' };
    },
  });
}
