import { useId, useState } from 'react';
import { entryInRecordForm, keyRegisterText, nameKey, parseKeyRegister, type KeyRegister, type KeyRegisterEntry } from '../../../../core/integrity/key-register';
import type { Problem } from '../../../../core/problems';
import { ProblemList } from '../../components/ProblemList';
import { appDb } from '../../db/app-db';
import { localToday } from '../../db/assessment-model';
import { signCentreRegister, adoptKeyRegister, type IdentitySnapshot } from '../../db/keys-repo';
import { saveFile } from '../../lib/save-file';
import { errorMessage } from '../assessor/use-assessment';
import { readRegisterText } from './KeyRegisterSection';

/**
 * For the person who keeps the centre's key register: gather people's public key files, set
 * from when to when each key may sign (or revoke one), and sign the register with this
 * installation's key as the centre's. The signed file is what assessors, IQAs and awarding
 * bodies load.
 */
export function CentreRegisterMaker({ identity }: { identity: IdentitySnapshot }) {
  const id = useId();
  const current = identity.register?.register;
  const [centreName, setCentreName] = useState(current?.centre?.name ?? identity.profile?.centre ?? '');
  const [centreNumber, setCentreNumber] = useState(current?.centre?.number ?? '');
  const [entries, setEntries] = useState<KeyRegisterEntry[] | undefined>();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [signed, setSigned] = useState<KeyRegister | undefined>();
  const [message, setMessage] = useState<string | undefined>();

  async function start(): Promise<void> {
    setProblems([]);
    const today = localToday();
    const from = current ? await Promise.all(current.keys.map((entry) => entryInRecordForm({ validFrom: today, ...entry }, current))) : [];
    setEntries(from);
  }

  async function addFile(file: File): Promise<void> {
    setProblems([]);
    setSigned(undefined);
    const read = await readRegisterText(file);
    if ('problems' in read) {
      setProblems(read.problems.map((problem) => ({ ...problem, message: `${file.name}: ${problem.message}` })));
      return;
    }
    const parsed = await parseKeyRegister(read.text);
    if (!parsed.ok) {
      setProblems(parsed.problems.map((problem) => ({ ...problem, message: `${file.name}: ${problem.message}` })));
      return;
    }
    const today = localToday();
    const added = await Promise.all(parsed.register.keys.map((entry) => entryInRecordForm({ validFrom: today, ...entry }, parsed.register)));
    setEntries((list) => {
      const next = [...(list ?? [])];
      for (const entry of added) {
        const same = next.findIndex((candidate) => candidate.publicKey === entry.publicKey && candidate.role === entry.role);
        if (same >= 0) next[same] = { ...next[same]!, name: entry.name, ...(entry.number ? { number: entry.number } : {}) };
        else next.push(entry);
      }
      return next;
    });
  }

  function update(index: number, change: Partial<KeyRegisterEntry>): void {
    setSigned(undefined);
    setEntries((list) =>
      (list ?? []).map((entry, at) => {
        if (at !== index) return entry;
        const next: KeyRegisterEntry = { ...entry, ...change };
        // An emptied optional date means "none".
        if (next.validUntil === '') delete next.validUntil;
        if (next.revoked === '') delete next.revoked;
        return next;
      }),
    );
  }

  async function sign(): Promise<void> {
    setProblems([]);
    setMessage(undefined);
    try {
      const centre = centreName.trim() === '' ? undefined : { name: centreName.trim(), ...(centreNumber.trim() ? { number: centreNumber.trim() } : {}) };
      setSigned(await signCentreRegister(appDb(), { ...(centre ? { centre } : {}), keys: entries ?? [] }));
    } catch (error) {
      setProblems([{ path: '', message: errorMessage(error) }]);
    }
  }

  async function save(register: KeyRegister): Promise<void> {
    try {
      const outcome = await saveFile(new Blob([keyRegisterText(register)], { type: 'application/json' }), { suggestedName: `${register.centre?.name ?? 'Centre'} key register.json`, kind: 'key-register' });
      if (outcome.status === 'saved') setMessage(`Saved the signed register to ${outcome.path}. Send it to your assessors, internal quality assurers and awarding body.`);
    } catch (error) {
      setProblems([{ path: '', message: `The register was not saved: ${errorMessage(error)}` }]);
    }
  }

  const isSelfListed = identity.key !== undefined && entries?.some((entry) => nameKey(entry.name) === nameKey(identity.profile?.name ?? '')) === true;

  return (
    <details className="register-maker">
      <summary>Keep your centre’s register (for the person who signs it)</summary>
      <p className="subtle">
        Collect each assessor’s and IQA’s public key file, say from when each key may sign, and sign the register with your own key on behalf of the centre. Anyone who loads it checks
        your signature, so tell them your key’s fingerprint{identity.key ? <> (<code className="fingerprint">{identity.key.fingerprint}</code>)</> : null} in person or by phone.
      </p>
      {entries === undefined ? (
        <button type="button" className="secondary" onClick={() => void start()}>
          {current ? 'Start from the register in use' : 'Start a new register'}
        </button>
      ) : (
        <>
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-centre`}>Centre name</label>
              <input id={`${id}-centre`} type="text" value={centreName} maxLength={200} onChange={(event) => setCentreName(event.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-number`}>Centre number (optional)</label>
              <input id={`${id}-number`} type="text" value={centreNumber} maxLength={200} onChange={(event) => setCentreNumber(event.target.value)} />
            </div>
          </div>
          {entries.length === 0 ? (
            <p>No keys yet: add each person’s public key file.</p>
          ) : (
            <table className="data-table">
              <caption className="visually-hidden">Keys in the register you are making</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Valid from</th>
                  <th scope="col">Valid until</th>
                  <th scope="col">Revoked from</th>
                  <th scope="col">Fingerprint</th>
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry, index) => (
                  <tr key={`${entry.publicKey}-${entry.role}`}>
                    <td>{entry.name}</td>
                    <td>{entry.role === 'iqa' ? 'IQA' : 'Assessor'}</td>
                    <td>
                      <input type="date" aria-label={`${entry.name}: valid from`} value={entry.validFrom ?? ''} onChange={(event) => update(index, { validFrom: event.target.value })} />
                    </td>
                    <td>
                      <input type="date" aria-label={`${entry.name}: valid until`} value={entry.validUntil ?? ''} onChange={(event) => update(index, { validUntil: event.target.value })} />
                    </td>
                    <td>
                      <input type="date" aria-label={`${entry.name}: revoked from`} value={entry.revoked ?? ''} onChange={(event) => update(index, { revoked: event.target.value })} />
                    </td>
                    <td>
                      <code className="fingerprint">{entry.fingerprint}</code>
                    </td>
                    <td>
                      <button type="button" className="secondary" onClick={() => setEntries((list) => (list ?? []).filter((_, at) => at !== index))}>
                        Remove<span className="visually-hidden"> {entry.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="button-row">
            <label className="file-button secondary">
              Add a person’s public key file…
              <input
                type="file"
                accept=".json,application/json"
                className="visually-hidden"
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = '';
                  if (file) void addFile(file);
                }}
              />
            </label>
            <button type="button" onClick={() => void sign()} disabled={entries.length === 0}>
              Sign the register with my key
            </button>
          </div>
          {isSelfListed ? <p className="subtle">Your own key is in the register too: that is fine, but someone else should sign the register if they can.</p> : null}
        </>
      )}
      {problems.length > 0 ? (
        <div className="problems" role="alert">
          <h3>The register was not signed.</h3>
          <ProblemList problems={problems} />
        </div>
      ) : null}
      {signed ? (
        <div className="status success" aria-live="polite">
          <p>
            Signed: {signed.keys.length} {signed.keys.length === 1 ? 'key' : 'keys'}, by {signed.signedBy?.name} with key <code className="fingerprint">{signed.signedBy?.fingerprint}</code>.
          </p>
          <div className="button-row">
            <button type="button" onClick={() => void save(signed)}>
              Save the signed register…
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => void adoptKeyRegister(appDb(), signed, 'signed here').then(() => setMessage('This computer now uses the register you signed.'))}
            >
              Use it on this computer too
            </button>
          </div>
        </div>
      ) : null}
      <div aria-live="polite">{message ? <p className="status success">{message}</p> : null}</div>
    </details>
  );
}
