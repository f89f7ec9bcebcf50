import { createContext, useContext } from 'react';
import type { User } from '../features/auth/api.ts';

export interface Session {
  user: User;
  /** Reload the current user (after password change, etc.). */
  refresh: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside of a logged-in page');
  return s;
}
