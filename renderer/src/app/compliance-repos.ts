import { useMemo } from 'react';
import { call } from '../bridge/client';
import type { FairsendDatabase } from '../db/database';
import { createMessagesRepo, type MessagesRepo } from '../db/messages-repo';
import { createSuppressionRepo, type SuppressionRepo } from '../db/suppression-repo';
import { recordAudit } from './background';
import { useData } from './data-context';

// One repo per database, made on first use, so screens share them without widening the data context.
const suppression = new WeakMap<FairsendDatabase, SuppressionRepo>();
const messages = new WeakMap<FairsendDatabase, MessagesRepo>();

async function suppressionKeys(kind: 'address' | 'domain', values: string[]): Promise<string[]> {
  const result = await call('suppression.keys', { kind, values });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export function useSuppressionRepo(): SuppressionRepo {
  const { db } = useData();
  return useMemo(() => {
    let repo = suppression.get(db);
    if (!repo) {
      repo = createSuppressionRepo(db, { keys: suppressionKeys, record: recordAudit });
      suppression.set(db, repo);
    }
    return repo;
  }, [db]);
}

export function useMessagesRepo(): MessagesRepo {
  const { db } = useData();
  return useMemo(() => {
    let repo = messages.get(db);
    if (!repo) {
      repo = createMessagesRepo(db);
      messages.set(db, repo);
    }
    return repo;
  }, [db]);
}
