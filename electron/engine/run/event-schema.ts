// The run events' schemas are declared once, in electron/shared; this path keeps older imports working.
export { isHostAddress, isLoginUser, LOGIN_USER } from '../../shared/fields';
export {
  outputStreamSchema,
  fileUploadSchema,
  runStartedEventSchema,
  stepStartedEventSchema,
  stepPhaseEventSchema,
  commandStartedEventSchema,
  commandOutputEventSchema,
  commandFinishedEventSchema,
  stepFinishedEventSchema,
  logEventSchema,
  runFinishedEventSchema,
  RUN_EVENT_TYPES,
  runEventSchema,
} from '../../shared/run-events';
export {
  planHostSummarySchema,
  planStepSummarySchema,
  runSummarySchema,
  stepPhaseSchema,
  stepStatusSchema,
} from '../../shared/plan';
