/**
 * What one practice exercise did on the swarm: the commands it ran with their real output,
 * what to notice, and whether the result held. Carried as the step's data, so the journal,
 * the report and the wizard's Practice page show the same thing.
 */
import { z } from 'zod';
import { localizedSchema } from './localized';

export const PRACTICE_EXERCISES = [
  'practice-service',
  'practice-scale',
  'practice-constraint',
  'practice-global',
  'practice-ping',
  'practice-balance',
] as const;
export type PracticeExercise = (typeof PRACTICE_EXERCISES)[number];

export const shownCommandSchema = z.object({
  command: z.string(),
  output: z.string(),
});
export type ShownCommand = z.infer<typeof shownCommandSchema>;

export const exerciseResultSchema = z.object({
  exercise: z.enum(PRACTICE_EXERCISES),
  commands: z.array(shownCommandSchema),
  /** What to look at in the output, for a learner. */
  notice: localizedSchema,
  passed: z.boolean(),
  /** What the check found. */
  detail: localizedSchema,
  /** The exercise's services were left running (`--keep`). */
  kept: z.array(z.string()),
});
export type ExerciseResult = z.infer<typeof exerciseResultSchema>;
