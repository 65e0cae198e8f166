import { useEffect, useState } from 'react';
import { watchTheme } from './charts';

/** A number that changes when the page's colours change, so charts can redraw in the new theme. */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => watchTheme(() => setVersion((v) => v + 1)), []);
  return version;
}
