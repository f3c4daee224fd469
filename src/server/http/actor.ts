/** The person behind a request and how they proved it. */
export interface Actor {
  user: {
    id: string;
    email: string;
    displayName: string;
    isAdmin: boolean;
    locale: string | null;
    timeZone: string | null;
    memberCommitteeId: string | null;
  };
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
}
