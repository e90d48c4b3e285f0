/**
 * naive-ui's controls as plain elements that keep every prop they were given (their slot as
 * their children), for pages mounted with {@link mountPage}:
 * `vi.mock('naive-ui', async () => (await import('../helpers/naive-stubs')).naiveStubs())`.
 */
export async function naiveStubs() {
  const vue = await import('vue');
  /** A control as a plain element with every prop it was given, its slot as its children. */
  const stub = (name: string) =>
    vue.defineComponent({
      name,
      inheritAttrs: false,
      setup:
        (_props, { attrs, slots }) =>
        () =>
          vue.h(name, { ...attrs }, slots.default?.()),
    });
  const names = [
    'NAlert',
    'NButton',
    'NButtonGroup',
    'NCheckbox',
    'NCheckboxGroup',
    'NCollapse',
    'NCollapseItem',
    'NCollapseTransition',
    'NDrawer',
    'NDrawerContent',
    'NDropdown',
    'NDynamicInput',
    'NInput',
    'NInputNumber',
    'NModal',
    'NProgress',
    'NRadioButton',
    'NRadioGroup',
    'NSelect',
    'NSpin',
    'NSwitch',
    'NTabPane',
    'NTabs',
    'NTag',
    'NTooltip',
  ];
  const quiet = { info() {}, success() {}, warning() {}, error() {} };
  return {
    ...Object.fromEntries(names.map((name) => [name, stub(name)])),
    useDialog: () => quiet,
    useMessage: () => quiet,
  };
}
