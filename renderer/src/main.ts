import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createAppI18n } from './i18n';
import { localeFromLanguage } from './stores/wizard';
import './styles.css';

createApp(App)
  .use(createPinia())
  .use(createAppI18n(localeFromLanguage(navigator.language)))
  .mount('#app');
