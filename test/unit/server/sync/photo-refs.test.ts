import { describe, expect, it } from 'vitest';
import { photosReferencedBy } from '../../../../server/sync/photo-refs.ts';

const sha = (n: number) => n.toString(16).padStart(64, '0');

describe('photosReferencedBy', () => {
  it('finds scene, weapon and marking photos at any depth, once each, sorted', () => {
    expect(
      photosReferencedBy('intake_event', {
        photos: [{ sha256: sha(3) }],
        weapons: [
          { photos: [{ sha256: sha(1) }, { sha256: sha(3) }], markings: [{ photoSha256: sha(2) }] },
        ],
      }),
    ).toEqual([sha(1), sha(2), sha(3)]);
  });

  it('takes nothing that is not a photo address: other keys, other shapes, an attachment record', () => {
    expect(
      photosReferencedBy('intake_event', {
        notes: sha(1),
        photos: [{ sha256: 'not-a-digest' }, { sha256: 42 }, { sha: sha(2) }],
        nested: { sha256: sha(0xabcdef).toUpperCase() },
      }),
    ).toEqual([]);
    expect(photosReferencedBy('attachment', { sha256: sha(4) })).toEqual([]);
    expect(photosReferencedBy('location', null)).toEqual([]);
  });
});
