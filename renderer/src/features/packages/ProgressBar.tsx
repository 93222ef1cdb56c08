/** A labelled progress bar that screen readers announce. */
export function ProgressBar({ label, done, total }: { label: string; done: number; total: number }) {
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="progress">
      <label>
        <span>{label}</span> <span aria-hidden="true">{percent}%</span>
        <progress max={100} value={percent}>{percent}%</progress>
      </label>
    </div>
  );
}
