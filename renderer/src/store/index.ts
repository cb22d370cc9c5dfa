import { create } from 'zustand';
import type { LeadStatus } from '../../../shared/leads/lead';
import type { LeadSort } from '../db/lead-docs';
import { readAddress, writeAddress } from './address';

// UI and session state only, as one store of slices. Persisted data stays in RxDB; never copy documents here.

export const AREAS = [
  'leads',
  'sequences',
  'outbox',
  'mailboxes',
  'suppression',
  'team',
  'settings',
] as const;
export type Area = (typeof AREAS)[number];
export type Theme = 'light' | 'dark';

export interface Toast {
  id: number;
  tone: 'info' | 'success' | 'error';
  text: string;
}

interface NavSlice {
  area: Area;
  /** to a screen; `open` names what it opens there (store/address.ts), e.g. `{ settings: mailboxId }` */
  go: (area: Area, open?: Readonly<Record<string, string>>) => void;
}

interface ThemeSlice {
  theme: Theme;
  setTheme: (theme: Theme) => void;
}

interface ToastSlice {
  toasts: Toast[];
  notify: (tone: Toast['tone'], text: string) => void;
  dismiss: (id: number) => void;
}

export interface LeadFilter {
  /** prefix of the address, the name or the company */
  search: string;
  status: LeadStatus | '';
  tag: string;
  company: string;
  source: string;
  /** 'only': the leads the suppression list covers (by address or domain) */
  suppressed: '' | 'only';
}

export const EMPTY_FILTER: LeadFilter = {
  search: '',
  status: '',
  tag: '',
  company: '',
  source: '',
  suppressed: '',
};

interface LeadsSlice {
  filter: LeadFilter;
  setFilter: (patch: Partial<LeadFilter>) => void;
  /** the list's order: not a filter, so "Clear filters" leaves it */
  sort: LeadSort;
  setSort: (sort: LeadSort) => void;
  /** ids of selected leads (normalised addresses) */
  selected: ReadonlySet<string>;
  setSelected: (ids: ReadonlySet<string>) => void;
  /** the lead open in the detail panel */
  openLeadId: string | null;
  openLead: (id: string | null) => void;
  importOpen: boolean;
  setImportOpen: (open: boolean) => void;
}

export type AppState = NavSlice & ThemeSlice & ToastSlice & LeadsSlice;

function initialTheme(): Theme {
  const saved = globalThis.localStorage?.getItem('fairsend.theme');
  if (saved === 'light' || saved === 'dark') return saved;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function initialArea(): Area {
  const named = readAddress(globalThis.location?.hash ?? '').screen;
  return (AREAS as readonly string[]).includes(named) ? (named as Area) : 'leads';
}

let toastId = 0;

export const useApp = create<AppState>()((set) => ({
  area: initialArea(),
  go: (area, open) => {
    if (globalThis.location) globalThis.location.hash = writeAddress(area, open);
    set({ area });
  },
  theme: initialTheme(),
  setTheme: (theme) => {
    globalThis.localStorage?.setItem('fairsend.theme', theme);
    set({ theme });
  },
  toasts: [],
  notify: (tone, text) => {
    const id = ++toastId;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { id, tone, text }] }));
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  filter: EMPTY_FILTER,
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch }, selected: new Set() })),
  sort: 'newest',
  setSort: (sort) => set({ sort }),
  selected: new Set(),
  setSelected: (selected) => set({ selected }),
  openLeadId: null,
  openLead: (openLeadId) => set({ openLeadId }),
  importOpen: false,
  setImportOpen: (importOpen) => set({ importOpen }),
}));
