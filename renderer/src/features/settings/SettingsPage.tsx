import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { describeAlgorithm } from '../../../../core/integrity/keys';
import { appDb } from '../../db/app-db';
import {
  ROLES,
  ROLE_LABELS,
  ensureSigningKey,
  publicKeyRegisterText,
  replaceSigningKey,
  saveProfile,
  setRole,
  type AppRole,
  type IdentitySnapshot,
} from '../../db/keys-repo';
import { formatDay } from '../../db/assessment-model';
import { KeyRegisterSection } from './KeyRegisterSection';
import { saveFile } from '../../lib/save-file';
import { errorMessage, useIdentity, type ActionOutcome } from '../assessor/use-assessment';

const ROLE_HINTS: Readonly<Record<AppRole, string>> = {
  learner: 'You build a portfolio of evidence and submit it.',
  assessor: 'You mark learners’ portfolios, give feedback and sign units off.',
  iqa: 'You sample assessors’ decisions to check their quality.',
};

/** Who uses the app, their profile and signing key, and the centre's key register. */
export function SettingsPage() {
  const identity = useIdentity();
  if (!identity) return <p aria-busy="true">Loading…</p>;
  const isStaff = identity.role !== 'learner';
  return (
    <div className="page settings-page">
      <h1>Settings</h1>
      <RoleSection role={identity.role} />
      {isStaff ? (
        <>
          <ProfileSection identity={identity} />
          <KeySection identity={identity} />
        </>
      ) : null}
      <KeyRegisterSection identity={identity} />
    </div>
  );
}

function RoleSection({ role }: { role: AppRole }) {
  const [failure, setFailure] = useState<string | undefined>();
  // Shown at once, before the database write comes back through the live query.
  const [chosen, setChosen] = useState<AppRole>(role);
  useEffect(() => setChosen(role), [role]);
  return (
    <section className="card" aria-labelledby="role-heading">
      <h2 id="role-heading">Who is using the app</h2>
      <fieldset className="fieldset">
        <legend>I am</legend>
        {ROLES.map((candidate) => (
          <label key={candidate} className="radio-block">
            <input
              type="radio"
              name="app-role"
              value={candidate}
              checked={chosen === candidate}
              onChange={() => {
                setFailure(undefined);
                setChosen(candidate);
                setRole(appDb(), candidate).catch((error: unknown) => {
                  setChosen(role);
                  setFailure(errorMessage(error));
                });
              }}
            />{' '}
            <strong>{ROLE_LABELS[candidate]}</strong> <span className="subtle">— {ROLE_HINTS[candidate]}</span>
          </label>
        ))}
      </fieldset>
      {failure ? (
        <p className="field-error" role="alert">
          {failure}
        </p>
      ) : null}
      {chosen === 'learner' ? (
        <p className="subtle">Choosing a role does not give anyone authority: assessors and IQAs sign with their own keys, which the centre registers. A decision signed with a key the centre does not know is flagged.</p>
      ) : null}
    </section>
  );
}

function ProfileSection({ identity }: { identity: IdentitySnapshot }) {
  const id = useId();
  const [name, setName] = useState(identity.profile?.name ?? '');
  const [number, setNumber] = useState(identity.profile?.number ?? '');
  const [centre, setCentre] = useState(identity.profile?.centre ?? '');
  const [outcome, setOutcome] = useState<ActionOutcome>({ kind: 'idle' });

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setOutcome({ kind: 'busy' });
    try {
      await saveProfile(appDb(), { name, number, centre });
      setOutcome({ kind: 'done', message: 'Profile saved.' });
    } catch (error) {
      setOutcome({ kind: 'failed', message: errorMessage(error) });
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Your profile</h2>
      <p className="subtle">Your name, number and centre go on every decision, sign-off and sample you sign.</p>
      <form onSubmit={(event) => void submit(event)} className="profile-form">
        <div className="field">
          <label htmlFor={`${id}-name`}>Full name</label>
          <input id={`${id}-name`} type="text" autoComplete="name" maxLength={200} value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-number`}>{identity.role === 'iqa' ? 'IQA' : 'Assessor'} number (if your centre gives one)</label>
          <input id={`${id}-number`} type="text" maxLength={200} value={number} onChange={(event) => setNumber(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-centre`}>Centre</label>
          <input id={`${id}-centre`} type="text" autoComplete="organization" maxLength={200} value={centre} onChange={(event) => setCentre(event.target.value)} />
        </div>
        <div className="button-row">
          <button type="submit" disabled={outcome.kind === 'busy'}>
            Save profile
          </button>
          <span aria-live="polite">{outcome.kind === 'done' ? <span className="status-inline success">{outcome.message}</span> : null}</span>
        </div>
        {outcome.kind === 'failed' ? (
          <p className="field-error" role="alert">
            {outcome.message}
          </p>
        ) : null}
      </form>
    </section>
  );
}

function KeySection({ identity }: { identity: IdentitySnapshot }) {
  const [outcome, setOutcome] = useState<ActionOutcome>({ kind: 'idle' });
  const [isShowingExport, setIsShowingExport] = useState(false);
  const [isConfirmingReplace, setIsConfirmingReplace] = useState(false);
  const role = identity.role === 'iqa' ? 'iqa' : 'assessor';
  const { key, profile } = identity;

  async function create(): Promise<void> {
    setOutcome({ kind: 'busy' });
    try {
      const made = await ensureSigningKey(appDb(), role);
      setOutcome({ kind: 'done', message: made.isNew ? 'Your signing key is ready.' : 'You already have a signing key.' });
    } catch (error) {
      setOutcome({ kind: 'failed', message: errorMessage(error) });
    }
  }

  async function replace(): Promise<void> {
    setOutcome({ kind: 'busy' });
    try {
      await replaceSigningKey(appDb(), role);
      setIsConfirmingReplace(false);
      setOutcome({ kind: 'done', message: 'You have a new signing key. Give its public key to your centre.' });
    } catch (error) {
      setOutcome({ kind: 'failed', message: errorMessage(error) });
    }
  }

  return (
    <section className="card" aria-labelledby="key-heading">
      <h2 id="key-heading">Your signing key</h2>
      <p className="subtle">
        Your decisions are signed with a key that only this app on this computer can use: it cannot be copied out, so nobody can sign in your name. Its public half, with a short fingerprint, goes in your centre’s key register so that anyone can check your signatures.
      </p>
      {identity.hasDamagedKey ? <p className="problems">Your signing key can no longer be used on this computer. Make a new one, and give its public key to your centre.</p> : null}
      {key ? (
        <dl className="facts">
          <dt>Fingerprint</dt>
          <dd>
            <code className="fingerprint" data-testid="key-fingerprint">{key.fingerprint}</code>
          </dd>
          <dt>Kind</dt>
          <dd>{describeAlgorithm(key.algorithm)}</dd>
          <dt>Made</dt>
          <dd>{formatDay(key.createdAt)}</dd>
        </dl>
      ) : !identity.hasDamagedKey ? (
        <p>You have no signing key yet. One is made the first time you sign a decision, or you can make it now.</p>
      ) : null}
      <div className="button-row">
        {!key && !identity.hasDamagedKey ? (
          <button type="button" onClick={() => void create()} disabled={outcome.kind === 'busy'}>
            Create my signing key
          </button>
        ) : null}
        {key ? (
          <button type="button" className="secondary" aria-expanded={isShowingExport} onClick={() => setIsShowingExport((shown) => !shown)}>
            Export my public key for the centre register
          </button>
        ) : null}
        {key || identity.hasDamagedKey ? (
          <button type="button" className="secondary" onClick={() => setIsConfirmingReplace(true)}>
            Make a new key…
          </button>
        ) : null}
      </div>
      {isConfirmingReplace ? (
        <div className="confirm" role="alertdialog" aria-labelledby="replace-key-heading">
          <h3 id="replace-key-heading">Make a new signing key?</h3>
          <p>Decisions you have already signed stay valid. Your centre must add the new key to its register, or your new decisions will be flagged as signed by an unknown key.</p>
          <div className="button-row">
            <button type="button" className="danger" onClick={() => void replace()}>
              Make a new key
            </button>
            <button type="button" className="secondary" onClick={() => setIsConfirmingReplace(false)}>
              Keep my key
            </button>
          </div>
        </div>
      ) : null}
      <div aria-live="polite">{outcome.kind === 'done' ? <p className="status success">{outcome.message}</p> : null}</div>
      {outcome.kind === 'failed' ? (
        <p className="problems" role="alert">
          {outcome.message}
        </p>
      ) : null}
      {key && isShowingExport ? (
        profile ? (
          <PublicKeyExport makeText={() => publicKeyRegisterText(key, profile, role)} fileName={`${profile.name} public key.json`} />
        ) : (
          <p className="status warning">Fill in your profile first: the register entry carries your name.</p>
        )
      ) : null}
    </section>
  );
}

/**
 * The public key as a one-entry register file, to copy or save. A register carries no secret,
 * so showing it in the window is safe.
 */
function PublicKeyExport({ makeText, fileName }: { makeText: () => Promise<string>; fileName: string }) {
  const id = useId();
  const [copyOutcome, setCopyOutcome] = useState<string | undefined>();
  const [text, setText] = useState('');
  // Made once when shown: the key does not change while the panel is open.
  const makeTextRef = useRef(makeText);
  useEffect(() => {
    let isCurrent = true;
    void makeTextRef.current().then((made) => {
      if (isCurrent) setText(made);
    });
    return () => {
      isCurrent = false;
    };
  }, []);

  async function saveAsFile(): Promise<void> {
    try {
      const outcome = await saveFile(new Blob([text], { type: 'application/json' }), { suggestedName: fileName, kind: 'key-register' });
      if (outcome.status === 'saved') setCopyOutcome(`Saved to ${outcome.path}.`);
    } catch (error) {
      setCopyOutcome(`The file was not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      setCopyOutcome('Copied. Paste it into an email or file for your centre.');
    } catch {
      const area = document.getElementById(`${id}-text`);
      if (area instanceof HTMLTextAreaElement) area.select();
      setCopyOutcome('This window may not copy by itself: the text is selected, so press Ctrl+C (⌘C on a Mac) to copy it.');
    }
  }

  return (
    <div className="key-export">
      <label htmlFor={`${id}-text`}>Your entry for the centre’s key register</label>
      <textarea id={`${id}-text`} readOnly rows={10} value={text} className="code-text" />
      <div className="button-row">
        <button type="button" onClick={() => void copy()}>
          Copy to the clipboard
        </button>
        <button type="button" className="secondary" onClick={() => void saveAsFile()}>
          Save as a file
        </button>
      </div>
      <p aria-live="polite" className="subtle">
        {copyOutcome}
      </p>
    </div>
  );
}
