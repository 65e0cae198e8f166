/**
 * The ID that tells two straps of the same model apart. Straps advertise their model followed by a
 * serial-like ID ("Polar H10 A1B2C3D4", "HRM-Dual:123456", "TICKR 1A2B"), and most print the same ID
 * on the strap or its connector (Polar prints its 8-character device ID on the sensor). The browser's
 * chooser lists the advertised names, so the ID is what a couple compares.
 */

/** An ID is 4–12 letters and digits with at least one digit (so a word like "Pro" never counts). */
const ID = /^(?=[A-Za-z]*\d)[A-Za-z0-9]{4,12}$/;

/**
 * The ID at the end of an advertised name, split off at the last space, colon or hyphen; null when
 * the name carries none (a watch called "Forerunner", a blank name).
 */
export function strapIdFromName(name: string): string | null {
  const trimmed = name.trim();
  const cut = Math.max(trimmed.lastIndexOf(' '), trimmed.lastIndexOf(':'), trimmed.lastIndexOf('-'));
  if (cut <= 0) return null;
  const id = trimmed.slice(cut + 1);
  return ID.test(id) ? id : null;
}

/** The model part of an advertised name (before its ID), or the whole name when it has no ID. */
export function strapModelFromName(name: string): string {
  const id = strapIdFromName(name);
  if (id === null) return name.trim();
  return name
    .trim()
    .slice(0, -id.length)
    .replace(/[\s:-]+$/, '');
}
