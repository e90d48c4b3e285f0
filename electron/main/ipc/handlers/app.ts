import { SWARMLAB_VERSION } from '../../../engine/version';
import { implement, type HandlerDeps } from './types';

export function appHandlers(deps: HandlerDeps) {
  return implement<'app:info' | 'app:open-external'>({
    'app:info': () => ({
      version: deps.appVersion ?? SWARMLAB_VERSION,
      platform: deps.platform ?? process.platform,
    }),

    'app:open-external': async ({ url }) => {
      if (!deps.openExternal) return { opened: false };
      // `url` passed openExternalRequestSchema in implement(): http or https, nothing else.
      await deps.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
      return { opened: true };
    },
  });
}
