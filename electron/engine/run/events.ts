// The run events are declared once, in electron/shared; this path keeps older imports working.
export type {
  CommandFinishedEvent,
  CommandOutputEvent,
  CommandStartedEvent,
  FileUpload,
  LogEvent,
  OutputStream,
  RunEvent,
  RunEventInput,
  RunFinishedEvent,
  RunStartedEvent,
  StepFinishedEvent,
  StepPhaseEvent,
  StepStartedEvent,
} from '../../shared/run-events';
export type {
  PlanHostSummary,
  PlanStepSummary,
  RunSummary,
  StepPhase,
  StepStatus,
} from '../../shared/plan';
export { emptySummary } from '../../shared/plan';
