import { causes } from './causes';
import { checks } from './checks';
import { cli } from './cli-phrases';
import { common } from './common';
import { failures } from './failures';
import { fieldRules } from './field-rules';
import { health } from './health';
import { imports } from './imports';
import { operations } from './operations';
import { outcomes } from './outcomes';
import { plans } from './plans';
import { practice } from './practice';
import { probes } from './probes';
import { report } from './report';
import { schemaIssues } from './schema-issues';
import { steps } from './steps';
import { validation } from './validation';
import { verify } from './verify';
import { wizard } from './wizard';

/** English, the original every translation follows key for key. */
export const en = {
  common,
  wizard,
  report,
  steps,
  outcomes,
  failures,
  operations,
  checks,
  verify,
  practice,
  health,
  probes,
  plans,
  imports,
  validation,
  fieldRules,
  schemaIssues,
  causes,
  cli,
} as const;
