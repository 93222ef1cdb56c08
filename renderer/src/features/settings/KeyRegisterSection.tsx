import { useId, useState } from 'react';
import { KEY_REGISTER_FORMAT, MAX_KEY_REGISTER_BYTES, type KeyRegister, type RegisterComparison } from '../../../../core/integrity/key-register';
import type { Problem } from '../../../../core/problems';
import { ProblemList } from '../../components/ProblemList';
import { appDb } from '../../db/app-db';
import { formatDay } from '../../db/assessment-model';
import { previewKeyRegister, removeKeyRegister, adoptKeyRegister, type IdentitySnapshot } from '../../db/keys-repo';
import { readFileBytes } from '../../lib/read-file';
import { errorMessage } from '../assessor/use-assessment';
import { CentreRegisterMaker } from './CentreRegisterMaker';

type Checked = { fileName: string; register: KeyRegister; comparison: RegisterComparison };

/** Reads a register file as text: at most 1 MiB of UTF-8, or the problem in words. */
export async function readRegisterText(file: File): Promise<{ text: string } | { problems: Problem[] }> {
  const bytes = await readFileBytes(file, MAX_KEY_REGISTER_BYTES);
  if (bytes === 'too-large') return { problems: [{ path: '', message: 'The file is larger than 1 MiB, which no genuine key register is.' }] };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { problems: [{ path: '', message: 'The file is not UTF-8 text.' }] };
  }
}

function roleWords(role: string): string {
  return role === 'iqa' ? 'IQA' : 'Assessor';
}

/**
 * The centre's key register: which keys the centre vouches for, for whom and from when. A new
 * register is checked whole (every key and the centre's signature), then its changes are shown,
 * and only then, if the person chooses, used: a register decides whose signatures count.
 */
export function KeyRegisterSection({ identity }: { identity: IdentitySnapshot }) {
  const id = useId();
  const [problems, setProblems] = useState<{ fileName: string; problems: Problem[] } | undefined>();
  const [checked, setChecked] = useState<Checked | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const stored = identity.register;

  async function check(file: File): Promise<void> {
    setProblems(undefined);
    setMessage(undefined);
    setChecked(undefined);
    const read = await readRegisterText(file);
    if ('problems' in read) {
      setProblems({ fileName: file.name, problems: read.problems });
      return;
    }
    try {
      const preview = await previewKeyRegister(appDb(), read.text);
      if (!preview.ok) setProblems({ fileName: file.name, problems: preview.problems });
      else setChecked({ fileName: file.name, register: preview.register, comparison: preview.comparison });
    } catch (error) {
      setProblems({ fileName: file.name, problems: [{ path: '', message: errorMessage(error) }] });
    }
  }

  async function use(choice: Checked): Promise<void> {
    await adoptKeyRegister(appDb(), choice.register, choice.fileName);
    setChecked(undefined);
    setMessage(`Now using the key register from ${choice.fileName}: ${choice.register.keys.length} ${choice.register.keys.length === 1 ? 'key' : 'keys'}. Records signed with any other key are flagged.`);
  }

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Centre key register</h2>
      <p className="subtle">
        The register lists the public keys your centre has issued to its assessors and internal quality assurers, and from when to when each may sign. With it loaded, every signature
        is checked against it; without it, a signature shows only that a record is unchanged, and its signer is shown as not confirmed.
      </p>
      {stored ? <RegisterInUse stored={stored} /> : <p>No register is loaded: signatures show that records are unchanged, but not whose keys signed them.</p>}
      <div className="button-row">
        <label className="file-button">
          Check a key register file…
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void check(file);
            }}
          />
        </label>
        {stored ? (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setMessage(undefined);
              void removeKeyRegister(appDb()).then(() => setMessage('The register is no longer used.'));
            }}
          >
            Stop using this register
          </button>
        ) : null}
      </div>
      {checked ? <RegisterChanges checked={checked} hasCurrent={stored !== undefined} onUse={() => void use(checked)} onKeep={() => setChecked(undefined)} /> : null}
      <div aria-live="polite">{message ? <p className="status success">{message}</p> : null}</div>
      {problems ? (
        <div className="problems" role="alert">
          <h3>
            {problems.fileName} was not used. {stored ? 'The register in use has not changed.' : 'No register is in use.'}
          </h3>
          <ProblemList problems={problems.problems} />
        </div>
      ) : null}
      {identity.role !== 'learner' ? <CentreRegisterMaker identity={identity} /> : null}
    </section>
  );
}

function RegisterInUse({ stored }: { stored: NonNullable<IdentitySnapshot['register']> }) {
  const { register } = stored;
  return (
    <>
      <p>
        In use: {register.centre ? `${register.centre.name}’s register` : 'a register'} with {register.keys.length} {register.keys.length === 1 ? 'key' : 'keys'}
        {stored.fileName ? `, from ${stored.fileName}` : ''}, checked {formatDay(stored.importedAt)}.{' '}
        {register.signedBy ? (
          <>
            Signed for the centre by {register.signedBy.name} with key <code className="fingerprint">{register.signedBy.fingerprint}</code>.
          </>
        ) : (
          <strong>It is of the older form and not signed by the centre: ask your centre for a signed register.</strong>
        )}
      </p>
      <RegisterTable register={register} caption="Keys in the centre’s register" />
    </>
  );
}

function RegisterTable({ register, caption }: { register: KeyRegister; caption: string }) {
  const isDated = register.format === KEY_REGISTER_FORMAT;
  return (
    <table className="data-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Role</th>
          <th scope="col">Number</th>
          {isDated ? <th scope="col">Valid</th> : null}
          <th scope="col">Fingerprint</th>
        </tr>
      </thead>
      <tbody>
        {register.keys.map((entry) => (
          <tr key={`${entry.fingerprint}-${entry.role}`}>
            <td>{entry.name}</td>
            <td>{roleWords(entry.role)}</td>
            <td>{entry.number ?? ''}</td>
            {isDated ? (
              <td>
                from {entry.validFrom ?? '?'}
                {entry.validUntil ? ` to ${entry.validUntil}` : ''}
                {entry.revoked ? <strong> (revoked {entry.revoked})</strong> : null}
              </td>
            ) : null}
            <td>
              <code className="fingerprint">{entry.fingerprint}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What a checked register would change, and the choice: use it, or keep the one in use. */
function RegisterChanges({ checked, hasCurrent, onUse, onKeep }: { checked: Checked; hasCurrent: boolean; onUse: () => void; onKeep: () => void }) {
  const { register, comparison } = checked;
  const headingId = useId();
  const isRisky = comparison.isSignerChanged || comparison.isDowngrade;
  return (
    <div className={`confirm${isRisky ? ' is-warning' : ''}`} role="alertdialog" aria-labelledby={headingId}>
      <h3 id={headingId}>{hasCurrent ? `Replace the register in use with ${checked.fileName}?` : `Use ${checked.fileName} as the centre’s key register?`}</h3>
      <p>
        {register.signedBy ? (
          <>
            It checks out, and is signed for {register.centre?.name ?? 'the centre'} by {register.signedBy.name} with key <code className="fingerprint">{register.signedBy.fingerprint}</code>. Check that
            fingerprint with your centre if this is the first register you use.
          </>
        ) : (
          <>It checks out, but it is of the older form, not signed by the centre, so anyone could have written it.</>
        )}
      </p>
      {comparison.isSignerChanged ? (
        <p className="problems">It is signed by a different centre key from the register in use. Use it only if your centre has told you its key changed.</p>
      ) : null}
      {comparison.isDowngrade ? <p className="problems">The register in use is signed by the centre; this one is not signed at all.</p> : null}
      {comparison.changes.length === 0 ? (
        <p>It lists the same keys as the register in use.</p>
      ) : (
        <ul className="register-changes">
          {comparison.changes.map((change) => (
            <li key={`${change.kind}-${change.entry.fingerprint}-${change.entry.role}`}>
              {change.kind === 'added' ? 'Added: ' : change.kind === 'removed' ? 'Removed: ' : 'Changed: '}
              {change.entry.name} ({roleWords(change.entry.role)}), key <code className="fingerprint">{change.entry.fingerprint}</code>
              {change.details.length > 0 ? `: ${change.details.join('; ')}` : ''}
            </li>
          ))}
        </ul>
      )}
      {/* The safe choice is the primary button wherever a choice replaces what is in use. */}
      <div className="button-row">
        {hasCurrent || isRisky ? (
          <>
            <button type="button" onClick={onKeep}>
              {hasCurrent ? 'Keep the register in use' : 'Do not use it'}
            </button>
            <button type="button" className={isRisky ? 'danger' : 'secondary'} onClick={onUse}>
              Use this register
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={onUse}>
              Use this register
            </button>
            <button type="button" className="secondary" onClick={onKeep}>
              Do not use it
            </button>
          </>
        )}
      </div>
      <details>
        <summary>Every key in {checked.fileName}</summary>
        <RegisterTable register={register} caption={`Keys in ${checked.fileName}`} />
      </details>
    </div>
  );
}
