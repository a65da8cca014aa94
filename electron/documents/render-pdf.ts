import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import layoutBuilderModule from 'pdfmake/js/LayoutBuilder.js';
import robotoFiles from 'pdfmake/build/vfs_fonts.js';
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces.js';
import { arabicFont } from '../../shared/documents/document-fonts.ts';
import { putLinesInVisualOrder } from '../../shared/documents/right-to-left.ts';

/** pdfmake's in-memory file system (present in its Node build; its types only describe the browser's). */
interface VirtualFs {
  existsSync(name: string): boolean;
  writeFileSync(name: string, content: Buffer): void;
}

const fonts: TFontDictionary = {
  Roboto: {
    normal: 'Roboto-Regular.ttf',
    bold: 'Roboto-Medium.ttf',
    italics: 'Roboto-Italic.ttf',
    bolditalics: 'Roboto-MediumItalic.ttf',
  },
  [arabicFont.family]: {
    normal: arabicFont.files.normal,
    bold: arabicFont.files.bold,
    italics: arabicFont.files.normal,
    bolditalics: arabicFont.files.bold,
  },
};

let ready = false;

/**
 * Roboto (Latin with Serbian č ć đ š ž, and Cyrillic) comes from pdfmake's own font bundle, as
 * JavaScript: it ends up inside main's bundle, where no font file could be found on disk in a
 * packaged app. The Arabic font has no such bundle: it is read from its package, which the
 * packaging copies into the app with its licence (packaging/document-fonts.ts). Documents may
 * read nothing from the disk or the network: every image arrives as a data URL from main's own
 * store.
 */
function setUp(): void {
  if (ready) return;
  const virtualfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;
  for (const [name, base64] of Object.entries(robotoFiles as Record<string, string>)) {
    if (!virtualfs.existsSync(name)) virtualfs.writeFileSync(name, Buffer.from(base64, 'base64'));
  }
  const packages = createRequire(resolveBase());
  for (const file of Object.values(arabicFont.files)) {
    const path = packages.resolve(`${arabicFont.packageName}/${file}`);
    if (!virtualfs.existsSync(file)) virtualfs.writeFileSync(file, readFileSync(path));
  }
  putLinesInVisualOrder(layoutBuilderModule.default ?? layoutBuilderModule);
  pdfmake.setFonts(fonts);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = true;
}

/**
 * Where packages resolve from, as the app's own imports do. main.cjs (CommonJS) and Vitest define
 * __filename; plain Node running ES modules (the preview host, the benchmarks) does not, and
 * resolves from its entry script, which lives in the project.
 */
function resolveBase(): string {
  const base = typeof __filename === 'string' ? __filename : process.argv[1];
  if (base === undefined) throw new Error('Nowhere to resolve the document fonts from.');
  return base;
}

/** The PDF's bytes. Compressed unless asked otherwise (tests read the text of uncompressed ones). */
export async function renderPdf(
  definition: TDocumentDefinitions,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  setUp();
  const document = pdfmake.createPdf({ ...definition, compress: options.compress ?? true });
  return (document as unknown as { getBuffer(): Promise<Buffer> }).getBuffer();
}
