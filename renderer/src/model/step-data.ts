/** Reads the step-specific data of step-finished events, checked against the contract's schemas. */
import { z } from 'zod';
import {
  preflightCheckSchema,
  verificationResultSchema,
  type PreflightCheck,
  type VerificationResult,
} from '../../../electron/shared/checks';
import {
  healthResultSchema,
  type ClusterHealth,
  type OverlayHealth,
} from '../../../electron/shared/health';
import {
  exerciseResultSchema,
  PRACTICE_EXERCISES,
  type ExerciseResult,
  type PracticeExercise,
} from '../../../electron/shared/practice';
import { cellKey, type RunState } from './run-state';

const checksSchema = z.array(preflightCheckSchema);
/** preflight's data: { facts, clock, checks }; preflight-cluster's: the checks alone. */
const preflightDataSchema = z.object({ checks: checksSchema }).loose();

export function checksOf(data: unknown): PreflightCheck[] {
  const direct = checksSchema.safeParse(data);
  if (direct.success) return direct.data;
  const wrapped = preflightDataSchema.safeParse(data);
  return wrapped.success ? wrapped.data.checks : [];
}

export interface CheckRow {
  host: string;
  step: string;
  check: PreflightCheck;
}

/** Every preflight check of a run, host by host (host checks, then the cross-host ones). */
export function preflightRows(run: RunState): CheckRow[] {
  return run.hosts.flatMap((host) =>
    ['preflight', 'preflight-cluster'].flatMap((step) =>
      checksOf(run.cells[cellKey(host.id, step)]?.data).map((check) => ({
        host: host.id,
        step,
        check,
      })),
    ),
  );
}

export function verificationOf(
  run: RunState | undefined,
): { host: string; result: VerificationResult } | undefined {
  if (!run) return undefined;
  for (const host of run.hosts) {
    const parsed = verificationResultSchema.safeParse(
      run.cells[cellKey(host.id, 'verify-swarm')]?.data,
    );
    if (parsed.success) return { host: host.id, result: parsed.data };
  }
  return undefined;
}

/** What a health check found: the nodes check and the overlay doctor, as far as each ran. */
export function healthOf(run: RunState | undefined): {
  cluster?: ClusterHealth;
  overlay?: OverlayHealth;
} {
  const found: { cluster?: ClusterHealth; overlay?: OverlayHealth } = {};
  for (const cell of Object.values(run?.cells ?? {})) {
    const parsed = healthResultSchema.safeParse(cell.data);
    if (!parsed.success) continue;
    if (parsed.data.area === 'cluster') found.cluster = parsed.data;
    else found.overlay = parsed.data;
  }
  return found;
}

/** Each exercise of a practice run with how its step stands and, once done, what it found. */
export function exercisesOf(
  run: RunState | undefined,
): { id: PracticeExercise; status: string; result?: ExerciseResult }[] {
  if (!run) return [];
  return PRACTICE_EXERCISES.flatMap((id) => {
    const step = run.steps.find((candidate) => candidate.id === id);
    const host = step?.hosts[0];
    if (!host) return [];
    const cell = run.cells[cellKey(host, id)];
    const parsed = exerciseResultSchema.safeParse(cell?.data);
    return [
      {
        id,
        status: cell?.status ?? 'pending',
        ...(parsed.success ? { result: parsed.data } : {}),
      },
    ];
  });
}
