/** The Western Balkans Roadmap's jurisdictions, offered first whatever is recorded. */
const roadmapJurisdictions = ['AL', 'BA', 'XK', 'ME', 'MK', 'RS'];

/**
 * The jurisdictions a filter offers (dashboard, reports): the Roadmap's, then every one a place or
 * a campaign on this laptop names, and the one chosen now even if nothing names it any more.
 */
export function jurisdictionChoices(
  locations: readonly { readonly jurisdiction: string }[],
  campaigns: readonly { readonly jurisdiction: string }[],
  current: string | undefined,
): string[] {
  const codes = new Set(roadmapJurisdictions);
  for (const location of locations) codes.add(location.jurisdiction);
  for (const campaign of campaigns) codes.add(campaign.jurisdiction);
  if (current !== undefined) codes.add(current);
  return [...codes];
}
