import type { Translation } from '../shape';
import type { cli as english } from '../en/cli-phrases';

export const cli: Translation<typeof english> = {
  elapsed: '已用时 {duration}',
  stepStatus: { ok: '无需改动', changed: '已更改', failed: '失败', skipped: '已跳过' },
  runFinished: {
    succeeded: '成功',
    failed: '失败',
    cancelled: '已取消',
  },
  summary:
    '{status}，用时 {duration}：{ok} 项无需改动，{changed} 项已更改，{failed} 项失败，{skipped} 项已跳过',
  durationMs: '{ms} 毫秒',
  durationSeconds: '{seconds} 秒',
  durationMinutes: '{minutes} 分 {seconds} 秒',
};
