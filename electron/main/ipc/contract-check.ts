/**
 * Compile-time proof that what the engine emits fits the IPC contract's schemas: if the
 * engine's RunEvent or RunReport grows a field the contract does not know, typecheck fails
 * here instead of the renderer silently missing it.
 */
import type { RunEvent as ContractRunEvent } from '../../contract/run';
import type { RunReport as ContractRunReport } from '../../contract/report';
import type { RunEvent as EngineRunEvent } from '../../engine/run/events';
import type { RunReport as EngineRunReport } from '../../engine/report/run-report';
import type { PreflightCheck as EnginePreflightCheck } from '../../engine/facts/checks';
import type { PreflightCheck as ContractPreflightCheck } from '../../contract/run';
import type { VerificationResult as EngineVerification } from '../../engine/steps/verify-swarm';
import type { VerificationResult as ContractVerification } from '../../contract/run';

type Fits<Actual, Declared> = [Actual] extends [Declared]
  ? [Declared] extends [Actual]
    ? true
    : false
  : false;
type Assert<T extends true> = T;

export type ContractMatchesEngine = [
  Assert<Fits<EngineRunEvent, ContractRunEvent>>,
  Assert<Fits<EngineRunReport, ContractRunReport>>,
  Assert<Fits<EnginePreflightCheck, ContractPreflightCheck>>,
  Assert<Fits<EngineVerification, ContractVerification>>,
];
