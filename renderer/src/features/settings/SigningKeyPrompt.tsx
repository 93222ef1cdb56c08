/**
 * What signing asks of the person before it can go ahead: the passphrase that unlocks their key
 * (once a session), a passphrase for a key about to be made where there is no keychain, or the
 * replacement of a key stored the old, readable way. Screens that sign wrap the action in
 * `useWithSigningKey()`; when the key needs the person, a dialog asks, and the action runs again.
 */
import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { appDb } from '../../db/app-db';
import { KEY_MUST_BE_REPLACED_MESSAGE, KeyActionNeededError, ensureSigningKey, newKeyProtection, replaceSigningKey, unlockSigningKey } from '../../db/keys-repo';
import { KeyVaultError, MIN_PASSPHRASE_LENGTH, PASSPHRASES_DIFFER_MESSAGE, checkNewPassphrase, type NewKeyLock } from '../../lib/key-vault';
import { errorMessage } from '../assessor/use-assessment';

type Ask = (need: KeyActionNeededError) => Promise<boolean>;

const PromptContext = createContext<Ask | undefined>(undefined);

/** Thrown when the person closes the dialog: nothing was signed. */
export class SigningCancelledError extends Error {
  constructor() {
    super('Nothing was signed: your signing key is still locked.');
    this.name = 'SigningCancelledError';
  }
}

export function SigningKeyPromptProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<{ need: KeyActionNeededError; resolve: (isDone: boolean) => void } | undefined>();
  const ask = useCallback<Ask>((need) => new Promise<boolean>((resolve) => setRequest({ need, resolve })), []);
  return (
    <PromptContext.Provider value={ask}>
      {children}
      {request ? (
        <SigningKeyDialog
          need={request.need}
          onDone={(isDone) => {
            request.resolve(isDone);
            setRequest(undefined);
          }}
        />
      ) : null}
    </PromptContext.Provider>
  );
}

/**
 * Runs a signing action. When the key first needs the person (unlock, a passphrase, a
 * replacement), asks them in a dialog and runs the action again; throws SigningCancelledError
 * when they close it. The action must change nothing before it has the key (the repositories
 * load the key before they write).
 */
export function useWithSigningKey(): <T>(action: () => Promise<T>) => Promise<T> {
  const ask = useContext(PromptContext);
  return useCallback(
    async <T,>(action: () => Promise<T>): Promise<T> => {
      try {
        return await action();
      } catch (error) {
        if (!(error instanceof KeyActionNeededError) || !ask) throw error;
        if (!(await ask(error))) throw new SigningCancelledError();
        return action();
      }
    },
    [ask],
  );
}

/** A new passphrase and its confirmation, with the rules beside them. */
export function NewPassphraseFields({ passphrase, confirmation, onChange, problem }: { passphrase: string; confirmation: string; onChange: (passphrase: string, confirmation: string) => void; problem?: string | undefined }) {
  const id = useId();
  // The problem belongs to the second box when the two differ, else to the first.
  const isConfirmationWrong = problem === PASSPHRASES_DIFFER_MESSAGE;
  const isPassphraseWrong = problem !== undefined && !isConfirmationWrong;
  return (
    <div className="passphrase-fields">
      <div className={`field${isPassphraseWrong ? ' has-error' : ''}`}>
        <label htmlFor={`${id}-new`}>New passphrase</label>
        <p className="hint" id={`${id}-hint`}>
          At least {MIN_PASSPHRASE_LENGTH} characters. Three or four random words are easy to remember and hard to guess. Nobody can recover it for you.
        </p>
        <input
          id={`${id}-new`}
          type="password"
          autoComplete="new-password"
          value={passphrase}
          aria-describedby={isPassphraseWrong ? `${id}-hint ${id}-problem` : `${id}-hint`}
          aria-invalid={isPassphraseWrong ? true : undefined}
          onChange={(event) => onChange(event.target.value, confirmation)}
        />
      </div>
      <div className={`field${isConfirmationWrong ? ' has-error' : ''}`}>
        <label htmlFor={`${id}-confirm`}>Type the passphrase again</label>
        <input
          id={`${id}-confirm`}
          type="password"
          autoComplete="new-password"
          value={confirmation}
          aria-describedby={isConfirmationWrong ? `${id}-problem` : undefined}
          aria-invalid={isConfirmationWrong ? true : undefined}
          onChange={(event) => onChange(passphrase, event.target.value)}
        />
      </div>
      {problem ? (
        <p className="field-error" id={`${id}-problem`} role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A new passphrase being typed: the two boxes, the problem shown under them (cleared as the
 * person types), and the props for NewPassphraseFields.
 */
export function useNewPassphrase() {
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  return {
    passphrase,
    setPassphrase,
    problem,
    setProblem,
    /** Shows and returns what is wrong with the new passphrase, or undefined. */
    check: (): string | undefined => {
      const found = checkNewPassphrase(passphrase, confirmation);
      setProblem(found);
      return found;
    },
    clear: (): void => {
      setPassphrase('');
      setConfirmation('');
      setProblem(undefined);
    },
    fields: {
      passphrase,
      confirmation,
      problem,
      onChange: (nextPassphrase: string, nextConfirmation: string): void => {
        setPassphrase(nextPassphrase);
        setConfirmation(nextConfirmation);
        setProblem(undefined);
      },
    },
  };
}

/** How a key made now would be locked, once known. */
export function useNewKeyLock(): NewKeyLock | undefined {
  const [lock, setLock] = useState<NewKeyLock | undefined>();
  useEffect(() => {
    let isCancelled = false;
    void newKeyProtection().then((found) => {
      if (!isCancelled) setLock(found);
    });
    return () => {
      isCancelled = true;
    };
  }, []);
  return lock;
}

type Mode = 'unlock' | 'create' | 'replace' | 'forgotten';

const HEADINGS: Readonly<Record<Mode, string>> = {
  unlock: 'Unlock your signing key',
  create: 'Choose a passphrase for your signing key',
  replace: 'Your signing key must be replaced',
  forgotten: 'Make a new signing key',
};

function SigningKeyDialog({ need, onDone }: { need: KeyActionNeededError; onDone: (isDone: boolean) => void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [mode, setMode] = useState<Mode>(need.action);
  // One passphrase box serves unlocking and the first box of a new passphrase; its problem line shows any failure.
  const entry = useNewPassphrase();
  const { passphrase, problem, setProblem } = entry;
  const [isBusy, setIsBusy] = useState(false);
  const [isDamaged, setIsDamaged] = useState(false);
  const [isKeychainRefused, setIsKeychainRefused] = useState(false);
  const isFinished = useRef(false);
  const lock = useNewKeyLock();
  // Making a key: a passphrase unless the keychain will lock it. `create` is asked only when a passphrase is needed.
  const needsNewPassphrase = mode === 'create' || ((mode === 'replace' || mode === 'forgotten') && (isKeychainRefused || lock?.kind !== 'os-keychain'));

  function finish(isDone: boolean): void {
    if (isFinished.current) return;
    isFinished.current = true;
    onDone(isDone);
  }

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  function switchTo(next: Mode): void {
    setMode(next);
    entry.clear();
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const db = appDb();
    if (mode !== 'unlock' && needsNewPassphrase && entry.check()) return;
    setIsBusy(true);
    setProblem(undefined);
    try {
      if (mode === 'unlock') await unlockSigningKey(db, passphrase);
      else if (mode === 'create') await ensureSigningKey(db, need.role, new Date(), { passphrase });
      else await replaceSigningKey(db, need.role, new Date(), needsNewPassphrase ? { passphrase } : {});
      entry.clear();
      finish(true);
    } catch (error) {
      setIsBusy(false);
      if (error instanceof KeyVaultError && error.problem === 'damaged') setIsDamaged(true);
      // The keychain failed after all: the key is locked with a passphrase instead, never stored without a lock.
      if (error instanceof KeyActionNeededError && mode !== 'unlock') setIsKeychainRefused(true);
      setProblem(errorMessage(error));
    }
  }

  const submitLabel = mode === 'unlock' ? 'Unlock and sign' : mode === 'create' ? 'Make my key and sign' : 'Make a new key and sign';
  return (
    <dialog ref={ref} className="key-dialog" aria-labelledby={`${id}-heading`} onClose={() => finish(false)}>
      <form onSubmit={(event) => void submit(event)}>
        <h2 id={`${id}-heading`}>{HEADINGS[mode]}</h2>
        {mode === 'unlock' ? (
          <>
            <p>Your key is locked with the passphrase you chose when you made it. The app asks for it once each time it starts, and keeps the key unlocked until you close the app.</p>
            <div className="field">
              <label htmlFor={`${id}-passphrase`}>Passphrase</label>
              <input
                id={`${id}-passphrase`}
                type="password"
                autoComplete="current-password"
                autoFocus
                value={passphrase}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${id}-problem` : undefined}
                onChange={(event) => {
                  entry.setPassphrase(event.target.value);
                  setProblem(undefined);
                }}
              />
            </div>
          </>
        ) : null}
        {mode === 'create' ? (
          <>
            <p>{need.message}</p>
            <p>You type it once each time you start the app, before you first sign.</p>
          </>
        ) : null}
        {mode === 'replace' ? <p>{KEY_MUST_BE_REPLACED_MESSAGE}</p> : null}
        {mode === 'forgotten' ? (
          <>
            <p>Nobody can recover a forgotten passphrase: that is what keeps your key safe. You can make a new key instead.</p>
            <p>Decisions you have already signed stay valid. Your centre must add the new key to its register, or your new decisions will be flagged as signed by a key it does not know.</p>
          </>
        ) : null}
        {(mode === 'replace' || mode === 'forgotten') && lock?.kind === 'os-keychain' ? <p className="subtle">Your new key will be locked by this computer’s keychain ({lock.backend}).</p> : null}
        {needsNewPassphrase ? (
          <NewPassphraseFields {...entry.fields} />
        ) : problem ? (
          <p className="field-error" id={`${id}-problem`} role="alert">
            {problem}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" disabled={isBusy || ((mode === 'replace' || mode === 'forgotten') && !lock)}>
            {submitLabel}
          </button>
          {mode === 'forgotten' && need.action === 'unlock' ? (
            <button type="button" className="secondary" onClick={() => switchTo('unlock')} disabled={isBusy}>
              Back
            </button>
          ) : null}
          <button type="button" className="secondary" onClick={() => finish(false)} disabled={isBusy}>
            Cancel
          </button>
          <span aria-live="polite">{isBusy ? (mode === 'unlock' ? 'Unlocking…' : 'Making your key…') : null}</span>
        </div>
        {mode === 'unlock' ? (
          <p>
            <button type="button" className="link-button" onClick={() => switchTo('forgotten')} disabled={isBusy}>
              {isDamaged ? 'Make a new key' : 'I have forgotten my passphrase'}
            </button>
          </p>
        ) : null}
      </form>
    </dialog>
  );
}
