import { type FormEvent, useEffect, useState } from 'react';
import type { CertificateProblem } from '../../../../shared/ipc/certificates';
import type { TeamStatus } from '../../../../shared/ipc/team';
import { call } from '../../bridge/client';
import { bridgeProblem } from '../../ui/bridge-problem';

/** how often the section reads main's status while it is on screen */
const REFRESH_MS = 3000;

/** Main's word on the team (joined or not, sync, problems), read now and every `REFRESH_MS` while on screen. */
export function useTeamStatus() {
  const [status, setStatus] = useState<TeamStatus | null>(null);

  const refresh = () =>
    void call('team.status', {}).then((r) => {
      if (r.ok) setStatus(r.value);
    });

  useEffect(() => {
    let live = true;
    const read = () =>
      void call('team.status', {}).then((r) => {
        if (live && r.ok) setStatus(r.value);
      });
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  return { status, setStatus, refresh };
}

/**
 * The join form's fields and `team.join`: a refusal is said in words (its code behind Details); a refused
 * server certificate is shown to trust, after which the join is tried again. The fields outlive a join, so
 * after leaving the form still holds the server, email and name.
 */
export function useJoinTeam(onJoined: (status: TeamStatus) => void) {
  const [server, setServer] = useState('');
  const [code, setCode] = useState('');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<{ text: string; details: string } | null>(null);
  const [certificate, setCertificate] = useState<CertificateProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function join(event?: FormEvent) {
    event?.preventDefault();
    setBusy(true);
    const result = await call('team.join', {
      serverUrl: server,
      inviteCode: code,
      deviceName: `Fairsend on ${navigator.platform || 'this computer'}`,
      ...(email.trim() ? { email } : {}),
      ...(name.trim() ? { name } : {}),
    });
    setBusy(false);
    setCertificate(result.ok ? null : (result.error.certificate ?? null));
    if (!result.ok) {
      setProblem(
        bridgeProblem(result.error, {
          serverUrl: 'Server address',
          inviteCode: 'Invite code',
          email: 'Your work email',
          name: 'Your name',
        }),
      );
      return;
    }
    setProblem(null);
    setCode('');
    onJoined(result.value);
  }

  /** The rep trusted the server's certificate: join again (the invite was not spent, the refused connection never reached the server). */
  function trusted() {
    setCertificate(null);
    void join();
  }

  return {
    server,
    setServer,
    code,
    setCode,
    email,
    setEmail,
    name,
    setName,
    problem,
    certificate,
    busy,
    join,
    trusted,
  };
}

export type JoinTeam = ReturnType<typeof useJoinTeam>;
