/**
 * A translation has exactly the keys of the English original, each holding a string of its own:
 * a key missing in a translation, or one the original lacks, is a type error.
 */
export type Translation<Original> = {
  readonly [Key in keyof Original]: Original[Key] extends string
    ? string
    : Translation<Original[Key]>;
};
