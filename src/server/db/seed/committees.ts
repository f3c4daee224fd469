import type { CommitteeMembershipType } from '../../../core/roles';

export interface SeedCommittee {
  code: string;
  name: string;
  country: string | null;
  subregion: string;
  type: CommitteeMembershipType;
}

/** CSCAP's member committees as listed in domain.md: 21 full members and one associate. */
export const cscapCommittees: SeedCommittee[] = [
  { code: 'AU', name: 'AUS-CSCAP', country: 'AU', subregion: 'oceania', type: 'full' },
  { code: 'BN', name: 'CSCAP Brunei', country: 'BN', subregion: 'southeast_asia', type: 'full' },
  { code: 'KH', name: 'CSCAP Cambodia', country: 'KH', subregion: 'southeast_asia', type: 'full' },
  { code: 'CA', name: 'CSCAP Canada', country: 'CA', subregion: 'north_america', type: 'full' },
  { code: 'CN', name: 'CSCAP-China', country: 'CN', subregion: 'northeast_asia', type: 'full' },
  { code: 'EU', name: 'CSCAP EU', country: null, subregion: 'europe', type: 'full' },
  { code: 'IN', name: 'CSCAP India', country: 'IN', subregion: 'south_asia', type: 'full' },
  { code: 'ID', name: 'CSCAP Indonesia', country: 'ID', subregion: 'southeast_asia', type: 'full' },
  { code: 'JP', name: 'CSCAP-Japan', country: 'JP', subregion: 'northeast_asia', type: 'full' },
  { code: 'KP', name: 'CSCAP DPR Korea', country: 'KP', subregion: 'northeast_asia', type: 'full' },
  { code: 'KR', name: 'CSCAP-Korea', country: 'KR', subregion: 'northeast_asia', type: 'full' },
  { code: 'MY', name: 'CSCAP Malaysia', country: 'MY', subregion: 'southeast_asia', type: 'full' },
  { code: 'MN', name: 'CSCAP Mongolia', country: 'MN', subregion: 'northeast_asia', type: 'full' },
  { code: 'NZ', name: 'CSCAP New Zealand', country: 'NZ', subregion: 'oceania', type: 'full' },
  { code: 'PG', name: 'CSCAP Papua New Guinea', country: 'PG', subregion: 'oceania', type: 'full' },
  { code: 'PH', name: 'CSCAP Philippines', country: 'PH', subregion: 'southeast_asia', type: 'full' },
  { code: 'RU', name: 'CSCAP Russia', country: 'RU', subregion: 'northeast_asia', type: 'full' },
  { code: 'SG', name: 'CSCAP Singapore', country: 'SG', subregion: 'southeast_asia', type: 'full' },
  { code: 'TH', name: 'CSCAP Thailand', country: 'TH', subregion: 'southeast_asia', type: 'full' },
  { code: 'US', name: 'CSCAP-US', country: 'US', subregion: 'north_america', type: 'full' },
  { code: 'VN', name: 'CSCAP Vietnam', country: 'VN', subregion: 'southeast_asia', type: 'full' },
  { code: 'PIF', name: 'Pacific Islands Forum Secretariat', country: null, subregion: 'oceania', type: 'associate' },
];
