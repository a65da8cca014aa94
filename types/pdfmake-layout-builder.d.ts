/**
 * pdfmake's layout builder (its Node build, CommonJS), whose line building render-pdf.ts wraps to
 * put the lines of right-to-left documents in visual order. @types/pdfmake describes only the
 * public API. Node hands the module's exports as its default import; a bundler hands `default`.
 */
declare module 'pdfmake/js/LayoutBuilder.js' {
  interface LayoutBuilderClass {
    prototype: { buildNextLine(this: unknown, textNode: unknown): unknown };
  }
  const layoutBuilderModule: LayoutBuilderClass & { default?: LayoutBuilderClass };
  export default layoutBuilderModule;
}
