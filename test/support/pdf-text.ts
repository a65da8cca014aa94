import { extractText, getDocumentProxy } from 'unpdf';

/** The text of every page of a PDF, as a reader would copy it (pdf.js, through unpdf). */
export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text, totalPages } = await extractText(pdf, { mergePages: true });
  return { text, pages: totalPages };
}
