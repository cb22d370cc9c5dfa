import { useEffect, useMemo, useState } from 'react';
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import { knownVariables } from '../../../../shared/sequences/templates/scope';
import { call } from '../../bridge/client';
import { useServices } from '../../services/use-services';
import { bridgeProblem } from '../../ui/bridge-problem';
import { customKeysOf } from './custom-keys';

export interface EditorData {
  /** null while loading */
  mailboxes: MailboxInfo[] | null;
  mailboxProblem: string;
  /** the profile's company: the sender's `company` field */
  company: string;
  customKeys: string[];
  /** every variable a template may name */
  known: string[];
}

/** What the editor offers beside the sequence itself: the connected mailboxes and the variables. */
export function useEditorData(): EditorData {
  const { db } = useServices();
  const [mailboxes, setMailboxes] = useState<MailboxInfo[] | null>(null);
  const [mailboxProblem, setMailboxProblem] = useState('');
  const [company, setCompany] = useState('');
  const [customKeys, setCustomKeys] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    void call('mailboxes.list', {}).then((r) => {
      if (!live) return;
      if (r.ok) setMailboxes(r.value);
      else {
        setMailboxes([]);
        setMailboxProblem(bridgeProblem(r.error).text);
      }
    });
    void call('settings.getProfile', {}).then((r) => {
      if (live && r.ok && r.value) setCompany(r.value.company);
    });
    void customKeysOf(db).then((keys) => live && setCustomKeys(keys));
    return () => {
      live = false;
    };
  }, [db]);

  const known = useMemo(() => knownVariables(customKeys), [customKeys]);
  return { mailboxes, mailboxProblem, company, customKeys, known };
}
