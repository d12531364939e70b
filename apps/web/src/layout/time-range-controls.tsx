import { useId, useState, type FormEvent } from 'react';
import type { Bucket } from '../gql/graphql';
import type { TimeRangeControls as Controls } from '../hooks/use-time-range-params';
import { BUCKET_LABELS, BUCKETS, RANGE_PRESETS } from '../lib/time-range';
import { timeZoneOptions } from '../lib/time-zones';
import { isoToZonedInput, zonedInputToIso } from '../lib/zoned-input';

interface Props {
  range: Controls;
}

export function TimeRangeControls({ range }: Props) {
  const bucketId = useId();
  const tzId = useId();
  const [customOpen, setCustomOpen] = useState(false);
  const showCustom = customOpen || range.preset === null;

  return (
    <div className="controls" role="group" aria-label="Time range">
      <div className="segmented" role="group" aria-label="Range preset">
        {RANGE_PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            className="segmented__item"
            aria-pressed={range.preset === preset}
            onClick={() => {
              setCustomOpen(false);
              range.setPreset(preset);
            }}
          >
            {preset}
          </button>
        ))}
        <button
          type="button"
          className="segmented__item"
          aria-pressed={range.preset === null}
          aria-expanded={showCustom}
          onClick={() => setCustomOpen((open) => !open)}
        >
          Custom
        </button>
      </div>

      <label className="field" htmlFor={bucketId}>
        <span className="field__label">Bucket</span>
        <select id={bucketId} value={range.bucket} onChange={(e) => range.setBucket(e.target.value as Bucket)}>
          {BUCKETS.map((b) => (
            <option key={b} value={b}>
              {BUCKET_LABELS[b]}
            </option>
          ))}
        </select>
      </label>

      <label className="field" htmlFor={tzId}>
        <span className="field__label">Time zone</span>
        <select id={tzId} value={range.timeZone} onChange={(e) => range.setTimeZone(e.target.value)}>
          {timeZoneOptions(range.timeZone).map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </label>

      {showCustom ? <CustomRangeForm key={`${range.from}|${range.to}|${range.timeZone}`} range={range} /> : null}
    </div>
  );
}

function CustomRangeForm({ range }: Props) {
  const fromId = useId();
  const toId = useId();
  const [from, setFrom] = useState(() => isoToZonedInput(range.from, range.timeZone));
  const [to, setTo] = useState(() => isoToZonedInput(range.to, range.timeZone));
  const fromIso = zonedInputToIso(from, range.timeZone);
  const toIso = zonedInputToIso(to, range.timeZone);
  const invalid = !fromIso || !toIso || fromIso >= toIso;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (fromIso && toIso && !invalid) range.setCustomRange(fromIso, toIso);
  };

  return (
    <form className="custom-range" onSubmit={submit} aria-label="Custom range">
      <label className="field" htmlFor={fromId}>
        <span className="field__label">From ({range.timeZone})</span>
        <input id={fromId} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} required />
      </label>
      <label className="field" htmlFor={toId}>
        <span className="field__label">To ({range.timeZone})</span>
        <input id={toId} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} required />
      </label>
      <button type="submit" className="button button--primary" disabled={invalid}>
        Apply
      </button>
    </form>
  );
}
