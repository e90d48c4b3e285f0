import { cli } from './cli';
import { report } from './report';
import { steps } from './steps';
import { verify } from './verify';
import { wizard } from './wizard';

/** English, the original every translation follows key for key. */
export const en = { wizard, report, steps, verify, cli } as const;
