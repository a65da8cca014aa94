import pdfmake from 'pdfmake';
import robotoFiles from 'pdfmake/build/vfs_fonts.js';
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces.js';

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
};

let ready = false;

/**
 * Roboto (Latin with Serbian č ć đ š ž, and Cyrillic) comes from pdfmake's own font bundle, as
 * JavaScript: it ends up inside main's bundle, where no font file could be found on disk in a
 * packaged app. Documents may read nothing from the disk or the network: every image arrives as
 * a data URL from main's own store.
 */
function setUp(): void {
  if (ready) return;
  const virtualfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;
  for (const [name, base64] of Object.entries(robotoFiles as Record<string, string>)) {
    if (!virtualfs.existsSync(name)) virtualfs.writeFileSync(name, Buffer.from(base64, 'base64'));
  }
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
