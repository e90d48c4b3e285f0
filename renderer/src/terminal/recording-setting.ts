/**
 * Whether new terminal sessions keep a transcript: on unless the person turned it off, and
 * kept between launches in the page's storage (missing under unit tests: then only in memory).
 */
import { ref } from 'vue';

const RECORD_SETTING = 'swarmlab.recordTerminals';

/** The slice of the browser's storage used here (typed loosely so unit tests run it under Node). */
const browser = globalThis as {
  localStorage?: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
  };
};

function stored(): boolean {
  try {
    return browser.localStorage?.getItem(RECORD_SETTING) !== 'off';
  } catch {
    return true;
  }
}

export function useRecordingSetting() {
  const recording = ref(stored());

  function setRecording(value: boolean): void {
    recording.value = value;
    try {
      browser.localStorage?.setItem(RECORD_SETTING, value ? 'on' : 'off');
    } catch {
      // Not kept for the next launch; this one still follows it.
    }
  }

  return { recording, setRecording };
}
