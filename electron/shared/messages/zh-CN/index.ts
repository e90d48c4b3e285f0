import type { en } from '../en';
import type { Translation } from '../shape';
import { cli } from './cli';
import { report } from './report';
import { steps } from './steps';
import { verify } from './verify';
import { wizard } from './wizard';

export const zhCN: Translation<typeof en> = { wizard, report, steps, verify, cli };
