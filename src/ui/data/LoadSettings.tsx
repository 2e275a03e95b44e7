import { DEFAULT_MAX_EVENTS } from '../../events/root/readTree';
import type { SampleOption } from '../../events/sample';
import { MAX_FILE_BYTES } from '../../../workers/protocol';

/** Sample used when a person turns sampling on without changing it. */
export const DEFAULT_SAMPLE: SampleOption = {
  size: 1000,
  mode: 'random',
  seed: 1,
};

/** Number input and first/random choice of a sample. */
export function SampleFields({
  sample,
  onChange,
  testPrefix,
}: {
  sample: SampleOption;
  onChange(sample: SampleOption): void;
  testPrefix: string;
}) {
  return (
    <>
      <input
        type="number"
        min={1}
        step={1}
        className="sample-size"
        aria-label="events per class"
        value={sample.size}
        data-testid={`${testPrefix}.sample-size`}
        onChange={(e) =>
          onChange({
            ...sample,
            size: Math.max(1, Math.round(+e.target.value)),
          })
        }
      />{' '}
      events per class,{' '}
      <select
        value={sample.mode}
        data-testid={`${testPrefix}.sample-mode`}
        onChange={(e) =>
          onChange({ ...sample, mode: e.target.value as SampleOption['mode'] })
        }
      >
        <option value="random">random (seed {sample.seed ?? 1})</option>
        <option value="first">the first ones</option>
      </select>
    </>
  );
}

/** States what a tab holds and sets the sample for the next loads. */
export function LoadSettings({
  sample,
  onChange,
}: {
  sample: SampleOption | undefined;
  onChange(sample: SampleOption | undefined): void;
}) {
  return (
    <div className="load-settings" data-testid="data.limits">
      <p className="muted">
        A tab holds up to {DEFAULT_MAX_EVENTS.toLocaleString('en')} events per
        file, from files up to {MAX_FILE_BYTES / 2 ** 20} MB. For a larger file,
        load a sample.
      </p>
      <label>
        <input
          type="checkbox"
          checked={sample !== undefined}
          data-testid="data.sample-enabled"
          onChange={(e) =>
            onChange(e.target.checked ? DEFAULT_SAMPLE : undefined)
          }
        />{' '}
        Load only a sample:
      </label>{' '}
      {sample && (
        <SampleFields sample={sample} onChange={onChange} testPrefix="data" />
      )}
    </div>
  );
}
