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
 * JavaScript; the Arabic font from its package (shared/documents/document-fonts.ts). Documents
 * may read nothing else from the disk or the network.
 */
function setUp(): void {
  if (ready) return;
  const virtualfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;
  for (const [name, base64] of Object.entries(robotoFiles as Record<string, string>)) {
    if (!virtualfs.existsSync(name)) virtualfs.writeFileSync(name, Buffer.from(base64, 'base64'));
  }
  const packages = createRequire(import.meta.url);
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
 * The PDF's bytes. Compressed unless asked otherwise (tests read the text of uncompressed ones).
 * The laptop's electron/documents/render-pdf.ts, kept alike: server code may not import the
 * laptop's, and shared/ holds no Node code (Buffer, pdfmake's Node build).
 */
export async function renderPdf(
  definition: TDocumentDefinitions,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  setUp();
  const document = pdfmake.createPdf({ ...definition, compress: options.compress ?? true });
  return (document as unknown as { getBuffer(): Promise<Buffer> }).getBuffer();
}
