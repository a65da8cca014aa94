import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../shared/domain/attachment.ts';
import { IpcError } from '../../../shared/ipc/errors.ts';
import { api, rawApi } from '../../api.ts';

/**
 * Photos are stored encrypted in main and come back as base64 for display (img-src allows data:).
 * A small cache spares re-reading the same photo on every render; it is emptied when the app
 * locks, so decrypted photos do not outlive the session in the page's memory.
 */
const cacheLimit = 48;
const cache = new Map<string, Promise<string>>();
let watchingLock = false;

function watchLock(): void {
  if (watchingLock) return;
  watchingLock = true;
  try {
    rawApi().onSessionChanged((status) => {
      if (status.state !== 'unlocked') cache.clear();
    });
  } catch {
    watchingLock = false;
  }
}

export function photoDataUrl(sha256: string): Promise<string> {
  watchLock();
  const cached = cache.get(sha256);
  if (cached !== undefined) {
    // Most recently used last, so the oldest is dropped first.
    cache.delete(sha256);
    cache.set(sha256, cached);
    return cached;
  }
  const loading = api()
    .getPhoto({ sha256 })
    .then(({ mime, dataBase64 }) => `data:${mime};base64,${dataBase64}`);
  loading.catch(() => cache.delete(sha256));
  cache.set(sha256, loading);
  while (cache.size > cacheLimit) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return loading;
}

/**
 * The photo as a data: URL, null while loading, 'onServer' while it is only on the sync server
 * (another laptop's photo not downloaded yet), 'error' when it could not be read.
 */
export function usePhotoUrl(sha256: string): string | null | 'error' | 'onServer' {
  const [state, setState] = useState<{
    sha256: string;
    url: string | 'error' | 'onServer';
  } | null>(null);
  useEffect(() => {
    let live = true;
    photoDataUrl(sha256).then(
      (url) => live && setState({ sha256, url }),
      (error: unknown) =>
        live &&
        setState({
          sha256,
          url:
            error instanceof IpcError && error.code === 'PHOTO_NOT_DOWNLOADED'
              ? 'onServer'
              : 'error',
        }),
    );
    return () => {
      live = false;
    };
  }, [sha256]);
  return state?.sha256 === sha256 ? state.url : null;
}

export function PhotoThumb({
  photo,
  alt,
  errorText,
}: {
  photo: AttachmentRef;
  alt: string;
  errorText: string;
}) {
  const { t } = useTranslation('records');
  const url = usePhotoUrl(photo.sha256);
  const [broken, setBroken] = useState<string | null>(null);
  if (url === 'onServer')
    return <span className="thumb thumb--missing">{t('photo.onServer')}</span>;
  if (url === 'error' || (url !== null && broken === url))
    return <span className="thumb thumb--missing">{errorText}</span>;
  if (url === null) return <span className="thumb thumb--loading" aria-hidden="true" />;
  // Bytes that are not a decodable image (a damaged file) say so instead of an empty frame.
  return <img className="thumb" src={url} alt={alt} onError={() => setBroken(url)} />;
}

/** The file's bytes as base64, for addPhoto. */
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.onload = () => {
      const result = typeof reader.result === 'string' ? reader.result : '';
      resolve(result.slice(result.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}
