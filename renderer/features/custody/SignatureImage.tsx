import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../shared/domain/attachment.ts';
import { usePhotoUrl } from '../records/photos.tsx';

/** A stored signature, whole (never cropped), on white as it was drawn. */
export function SignatureImage({ image, alt }: { image: AttachmentRef; alt: string }) {
  const { t } = useTranslation('custody');
  const url = usePhotoUrl(image.sha256);
  const [broken, setBroken] = useState<string | null>(null);
  if (url === 'onServer') {
    return (
      <span className="signature__image signature__image--missing">{t('signature.onServer')}</span>
    );
  }
  if (url === 'error' || (url !== null && broken === url)) {
    return (
      <span className="signature__image signature__image--missing">
        {t('signature.unreadable')}
      </span>
    );
  }
  if (url === null) return <span className="signature__image" aria-hidden="true" />;
  return <img className="signature__image" src={url} alt={alt} onError={() => setBroken(url)} />;
}
