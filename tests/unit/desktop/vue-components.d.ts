// Tests type-check under tsconfig.node.json, which does not read .vue files; vue-tsc checks
// the components themselves (tsconfig.web.json), so a test sees each one as a component.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
