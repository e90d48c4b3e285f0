/** Words several areas share. */
export const common = {
  /** Between the items of a list in a sentence: "node01, node02". */
  listSeparator: ', ',
  /** Between independent clauses of one line: "write a; restart b". */
  clauseSeparator: '; ',
  /** Between alternatives: "zone or labels". */
  orSeparator: ' or ',
} as const;
