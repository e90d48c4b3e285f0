/**
 * What can be done to a finished swarm besides applying the inventory again: take hosts out of
 * it, undo what swarmlab did on some hosts or all, check its health, practise on it. The CLI's
 * `remove`, `reset`, `check` and `practice` and the wizard's actions send the same shape.
 */
import { z } from 'zod';
import { localizedSchema } from './localized';
import { PRACTICE_EXERCISES } from './practice';

const hostIdsSchema = z.array(z.string().min(1).max(300)).min(1).max(500);

export const swarmOperationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('remove'),
    hostIds: hostIdsSchema,
    /** Go on when the swarm would lose its quorum or a node does not leave. */
    force: z.boolean(),
  }),
  z.object({
    kind: z.literal('reset'),
    /** Every host of the inventory dissolves the swarm. */
    hostIds: hostIdsSchema,
    uninstallDocker: z.boolean(),
    force: z.boolean(),
  }),
  /** The swarm's health and the overlay doctor (`swarmlab check`); changes nothing. */
  z.object({ kind: z.literal('check') }),
  /** The tutorial's exercises on the swarm (`swarmlab practice`). */
  z.object({
    kind: z.literal('practice'),
    exercises: z.array(z.enum(PRACTICE_EXERCISES)).min(1).max(PRACTICE_EXERCISES.length),
    /** Leave the exercises' services running to explore. */
    keep: z.boolean(),
  }),
]);
export type SwarmOperation = z.infer<typeof swarmOperationSchema>;

/** What an operation will do to which host, one line each, or why it will not start. */
export const operationPlanSchema = z.object({
  lines: z.array(localizedSchema),
  /** Set when the operation cannot run as asked; nothing is changed then. */
  refusal: localizedSchema.optional(),
  /**
   * Secrets the wizard does not hold that the operation cannot start without: to be typed on
   * the Access page first.
   */
  missingSecrets: z
    .array(
      z.object({
        kinds: z.array(z.enum(['password', 'keyPassphrase', 'sudoPassword'])),
        /** Host ids, or "(jump host)". */
        targets: z.array(z.string()),
        /** The environment variable that is not set, when the inventory names one. */
        env: z.string().optional(),
      }),
    )
    .optional(),
});
export type OperationPlan = z.infer<typeof operationPlanSchema>;

/** What one host would get from an apply, found by probing it (a dry run). */
export const hostChangesSchema = z.object({
  host: z.string(),
  address: z.string(),
  /** Each step that would change the host, with what it would change. */
  changes: z.array(
    z.object({ step: z.string(), title: localizedSchema, changes: z.array(localizedSchema) }),
  ),
  /** Steps that could not be looked at: the host did not answer, or a check refused it. */
  problems: z.array(z.object({ step: z.string(), message: localizedSchema })),
  /** The steps after the first change were not looked at: what they find depends on it. */
  more: z.boolean(),
});
export type HostChanges = z.infer<typeof hostChangesSchema>;

export const changePreviewSchema = z.object({ hosts: z.array(hostChangesSchema) });
export type ChangePreview = z.infer<typeof changePreviewSchema>;
