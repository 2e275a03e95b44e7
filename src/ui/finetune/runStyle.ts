import type { RunName } from '../../train/experimentSummary';

/** Colour of each run in every Fine-tune chart. */
export const RUN_COLOURS: Record<RunName, string> = {
  pretrained: '#2b6cb0',
  scratch: '#c05621',
};

/** Label of each run on the page. */
export const RUN_LABELS: Record<RunName, string> = {
  pretrained: 'pretrained',
  scratch: 'from scratch',
};

/** Formats seconds as "8.2 s", "41 s" or "3 min 05 s". */
export function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = String(Math.round(seconds % 60)).padStart(2, '0');
  return `${minutes} min ${rest} s`;
}
