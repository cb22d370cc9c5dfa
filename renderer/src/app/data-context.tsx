import { createContext, type ReactNode, useContext } from 'react';
import type { FairsendDatabase } from '../db/database';
import type { LeadsRepo } from '../db/leads-repo';

export interface Data {
  db: FairsendDatabase;
  leads: LeadsRepo;
}

const DataContext = createContext<Data | null>(null);

export function DataProvider({ value, children }: { value: Data; children: ReactNode }) {
  return <DataContext.Provider value={value}>{children}</DataContext.Provider>;
}

/** The open database and its repositories; the app renders nothing that needs them before they exist. */
export function useData(): Data {
  const data = useContext(DataContext);
  if (!data) throw new Error('useData outside <DataProvider>');
  return data;
}
