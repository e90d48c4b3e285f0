import type { Translation } from '../shape';
import type { common as english } from '../en/common';

export const common: Translation<typeof english> = {
  listSeparator: '、',
  clauseSeparator: '；',
  orSeparator: ' 或 ',
};
