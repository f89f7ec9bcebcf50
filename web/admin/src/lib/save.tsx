/**
 * Writes from the admin's pages: `useSave` runs one save (POST/PUT/PATCH/DELETE, upload), keeps its busy flag and
 * shows the server's Chinese error once (`<SaveError save={…} />`), instead of every page repeating
 * `setBusy` + `try` + `setError(errorText(err))`. A successful write already marks the cached reads stale
 * (lib/http.ts → lib/query.tsx), so the page refetches what it shows.
 */
import { useCallback, useState, type CSSProperties } from 'react';
import { Alert, App } from 'antd';
import { errorText } from './http.ts';

export interface Save {
  /** A save is on its way (disable or spin its button). */
  busy: boolean;
  /** The last failed save's message, in the server's words; null once cleared or after a success. */
  error: string | null;
  /** Forget the shown error (e.g. when the dialog closes or the input changes). */
  clear: () => void;
  /** Show a message as this save's error (a check the page makes before asking the server). */
  fail: (message: string) => void;
  /** Run one write: true when it succeeded, false when it failed (its message is then in `error`). */
  run: (write: () => Promise<unknown>) => Promise<boolean>;
}

/** `toast`: the error shows as a passing message (message.error) instead of staying in `error`. */
export function useSave({ toast = false }: { toast?: boolean } = {}): Save {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const clear = useCallback(() => setError(null), []);
  const run = useCallback(
    async (write: () => Promise<unknown>) => {
      setBusy(true);
      setError(null);
      try {
        await write();
        return true;
      } catch (err) {
        if (toast) message.error(errorText(err));
        else setError(errorText(err));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [toast, message],
  );
  return { busy, error, clear, fail: setError, run };
}

/** The failed save's message where the page shows it (nothing while there is none). */
export function SaveError({ save, style, closable }: { save: Pick<Save, 'error' | 'clear'>; style?: CSSProperties; closable?: boolean }) {
  if (!save.error) return null;
  return <Alert type="error" showIcon role="alert" title={save.error} style={style} closable={closable ? { onClose: save.clear } : undefined} />;
}
