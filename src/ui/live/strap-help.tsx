/**
 * Plain-words help for pairing straps, each shown where its problem happens: telling two straps of
 * the same model apart (the ID), a strap that is not in range or not in the chooser's list, a low
 * battery, and the moment of live signal that confirms whose strap is whose.
 */
import { strapIdFromName, strapModelFromName } from '../../sources/bluetooth/strap-id';

/** Below this battery level a strap is worth a warning (coin cells sag and drop out near the end). */
export const LOW_BATTERY_PERCENT = 15;

/** A strap's name split into model and ID, e.g. "Polar H10" and "A1B2C3D4" (ID null when the name has none). */
export function strapParts(name: string): { model: string; id: string | null } {
  return { model: strapModelFromName(name), id: strapIdFromName(name) };
}

/** The strap's name with its ID set apart, as the chooser shows it. */
export function StrapName({ name }: { name: string }) {
  const { model, id } = strapParts(name);
  if (id === null) return <>{name}</>;
  return (
    <>
      {model} <span className="strap-id">ID {id}</span>
    </>
  );
}

/** Where to find the ID that tells two identical straps apart. */
export function WhichStrapTip() {
  return (
    <p className="partner__tip">
      Two straps of the same model? Each has its own ID, printed on the strap or its clip-on sensor and shown at the end of its name in the
      list (“Polar H10 <strong>A1B2C3D4</strong>”). Pair one of you at a time.
    </p>
  );
}

/** What to try when a strap cannot be found: not in the list, or not in range. */
export function NotFoundAdvice({ intro }: { intro?: string }) {
  return (
    <div className="strap-advice">
      {intro ? <p>{intro}</p> : null}
      <ul>
        <li>Wet the strap’s electrodes (the ribbed pads on the inside) with a little water.</li>
        <li>Wake it by putting it on: most straps switch on only against skin.</li>
        <li>Turn Bluetooth on, on this phone or computer.</li>
        <li>
          Still connected to another app or phone (Polar Beat, Garmin Connect, Zwift)? Close that app or turn that phone’s Bluetooth off: a
          strap talks to one at a time.
        </li>
      </ul>
    </div>
  );
}

/** A low battery, said where the strap is shown. */
export function lowBatteryWords(percent: number | null): string | null {
  if (percent === null || percent > LOW_BATTERY_PERCENT) return null;
  return `Battery low (${percent} %): the strap may drop out. Replace its coin cell soon (most take a CR2025 or CR2032).`;
}
