/** Where the person is in the wizard, and how the app looks (language, theme). */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { WizardPage } from '../model/issues';

export const WIZARD_PAGES: readonly WizardPage[] = [
  'hosts',
  'access',
  'options',
  'preflight',
  'run',
  'verify',
  'report',
  'practice',
  'health',
];

export type Locale = 'en' | 'zh-CN';

/** The OS language decides the first language: any Chinese locale gets zh-CN. */
export function localeFromLanguage(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** What the store reads of the browser (typed loosely so unit tests run it under Node). */
const browser = globalThis as {
  navigator?: { language?: string };
  matchMedia?: (query: string) => { matches: boolean };
};

export const useWizardStore = defineStore('wizard', () => {
  const page = ref<WizardPage>('hosts');
  const locale = ref<Locale>(localeFromLanguage(browser.navigator?.language));
  const dark = ref<boolean>(browser.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);
  /** Pages reached so far: the nav lets people jump back to them (and no further). */
  const reached = ref<WizardPage[]>(['hosts']);

  const index = computed(() => WIZARD_PAGES.indexOf(page.value));

  function go(target: WizardPage): void {
    page.value = target;
    if (!reached.value.includes(target)) reached.value.push(target);
  }
  function next(): void {
    const following = WIZARD_PAGES[index.value + 1];
    if (following) go(following);
  }
  function back(): void {
    const previous = WIZARD_PAGES[index.value - 1];
    if (previous) go(previous);
  }
  /** Back to the first page, the later ones not reached yet. */
  function restart(): void {
    page.value = 'hosts';
    reached.value = ['hosts'];
  }
  /** A saved cluster opens on its health; the pages that describe it can be visited from there. */
  function openSaved(): void {
    for (const described of ['hosts', 'access', 'options'] as const) {
      if (!reached.value.includes(described)) reached.value.push(described);
    }
    go('health');
  }
  function setLocale(value: Locale): void {
    locale.value = value;
  }
  function toggleTheme(): void {
    dark.value = !dark.value;
  }

  return {
    page,
    locale,
    dark,
    reached,
    index,
    go,
    openSaved,
    next,
    back,
    restart,
    setLocale,
    toggleTheme,
  };
});
