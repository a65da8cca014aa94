import { z } from 'zod';

/**
 * Every message a domain schema can put on an issue. They are i18n keys, never sentences: the
 * renderer translates them (same convention as shared/settings/settings.ts). Listing them here
 * lets the locale catalogues be checked for completeness, and `key()` makes a typo a compile error.
 */
export const domainMessageKeys = [
  // shape and format
  'required',
  'invalidOption',
  'invalidText',
  'invalidNumber',
  'invalidBoolean',
  'invalidList',
  'invalidObject',
  'invalidId',
  'invalidSha256',
  'invalidDate',
  'invalidTime',
  'invalidTimestamp',
  'invalidCountryCode',
  'tooLong',
  'yearOutOfRange',
  // quantities
  'amountNegative',
  'amountMustBePositive',
  'wholeNumberRequired',
  // location and campaign
  'latitudeOutOfRange',
  'longitudeOutOfRange',
  'accuracyNegative',
  'coordinatesIncomplete',
  'endBeforeStart',
  // dates of events
  'dateInFuture',
  'dateTooEarly',
  // attachments
  'attachmentEmpty',
  'attachmentTooLarge',
  'unsupportedImageType',
  // people
  'passphraseTooShort',
  'passphraseTooLong',
  'passphraseHasSpaces',
  'passphraseNeedsUpper',
  'passphraseNeedsLower',
  'passphraseNeedsDigit',
  'passphraseNeedsSymbol',
  // record requirements (final records)
  'photoRequired',
  'destructionPhotoRequired',
  'serialRequired',
  'categoryMismatch',
  'photoNotAttached',
  'duplicateId',
  'notApplicable',
  'campaignNotExpected',
  'itemRequired',
  'witnessRequired',
  'notAllTicked',
  // trace requests
  'traceStepNotAllowed',
  'traceStepBeforePrevious',
  'serialOrMarkingRequired',
  // reviews
  'reviewCommentRequired',
] as const;
export const DomainMessageKeySchema = z.enum(domainMessageKeys);
export type DomainMessageKey = z.infer<typeof DomainMessageKeySchema>;

/** A message key, checked at compile time: `z.string().max(80, key('tooLong'))`. */
export function key(messageKey: DomainMessageKey): DomainMessageKey {
  return messageKey;
}

/**
 * Error parameter for a base schema: a missing value reports 'required', a present but
 * malformed one reports `invalidKey`. Missing keys of an object reach the field schema as
 * `undefined`, so this is what turns "not filled in" into 'required' on FINAL schemas.
 */
export function keyed(invalidKey: DomainMessageKey): {
  error: (issue: { readonly input?: unknown }) => DomainMessageKey;
} {
  return { error: (issue) => (issue.input === undefined ? 'required' : invalidKey) };
}
